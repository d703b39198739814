// The secret key behind pseudonyms (issue 6): read from a file or from an environment
// variable, never from the pipeline file, so a pipeline can be shared and stored in the run
// store without the key. Only the file's path or the variable's name is ever recorded.
import Foundation
import QuarryCore

public enum PIIKey {
    /// Fewest key bytes accepted: 16 bytes (128 bits) keeps HMAC's keyed guarantee.
    public static let minimumBytes = 16

    /// The key from `file` when given, else from the environment variable `environment`.
    /// Trailing line breaks of a file are not part of the key.
    public static func load(file: String?, environment: String, processEnvironment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        var key: [UInt8]
        let origin: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigError("cannot read the pseudonym key file \(file)")
            }
            key = Array(data)
            while let last = key.last, last == 0x0A || last == 0x0D { key.removeLast() }
            origin = "the key file \(file)"
        } else if let value = processEnvironment[environment], !value.isEmpty {
            key = Array(value.utf8)
            origin = "$\(environment)"
        } else {
            throw ConfigError("the pseudonym action needs a secret key: set $\(environment) or key_file "
                              + "(e.g. head -c 32 /dev/urandom | base64 > pii.key)")
        }
        guard key.count >= minimumBytes else {
            throw ConfigError("\(origin) holds \(key.count) bytes; a pseudonym key needs at least \(minimumBytes)")
        }
        return key
    }
}
