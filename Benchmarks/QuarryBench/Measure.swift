// CPU-time measurement for the benchmarks: process CPU seconds (user + system), which a busy
// shared machine disturbs far less than wall-clock time.
import Glibc
import QuarryCore
import QuarryIO

/// CPU seconds this process has used.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    return user + system
}

/// Runs `body` and returns its result and the CPU seconds it took.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = cpuSeconds()
    let result = try body()
    return (result, cpuSeconds() - start)
}

/// Runs `body` three times; returns its last result and the best CPU seconds.
func bestOfThree(_ body: () -> Int) -> (result: Int, seconds: Double) {
    var best = Double.infinity, result = 0
    for _ in 0..<3 {
        let (value, seconds) = measure(body)
        best = min(best, seconds)
        result = value
    }
    return (result, best)
}

/// Every document of JSONL files, read with Quarry's reader.
func readDocuments(_ files: [String]) throws -> [Document] {
    let reader = try JSONLReader(options: JSONLReader.Options())
    var documents: [Document] = []
    for (i, file) in files.enumerated() {
        let scanner = try reader.openScanner(InputSplit(path: file, name: "f\(i)"))
        while let raw = try scanner.next() {
            var stats = StageStats()
            var issues: [InputIssue] = []
            documents += reader.decode(raw, stats: &stats, issues: &issues)
        }
    }
    return documents
}

func format(_ value: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return String(rounded)
}

func printRow(_ name: String, megabytes: Double, seconds: Double) {
    let rate = seconds > 0 ? megabytes / seconds : .infinity
    let padded = name + String(repeating: " ", count: max(0, 34 - name.count))
    print("\(padded) \(format(seconds, 3)) s CPU   \(format(rate)) MB/s")
}

/// A whole file's bytes.
func readFile(_ path: String) throws -> [UInt8] {
    let reader = try FileReader(path: path)
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
        if n == 0 { return out }
        out += buffer[0..<n]
    }
}
