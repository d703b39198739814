// Tests for SecretDetector: provider tokens, JWTs, Slack webhooks, private key blocks and
// generic assignments in code, config and English, German, French, Spanish and Chinese text,
// with exact UTF-8 byte offsets; hard negatives (placeholders, references, plain words, bare
// hashes and UUIDs, CSS colours, data URIs). Every token below is random, not a real key.
import Testing
@testable import QuarryPII

@Suite struct SecretDetectorTests {
    func detect(_ s: String) -> [(Int, Int, String)] { detections(of: SecretDetector(), type: .secret, in: s) }

    func found(_ s: String) -> [String] { detect(s).map(\.2) }

    static let ghp = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"
    static let pat = "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"
    static let google = "AIzaORS-6ilI8ihN5KXSc7Tvo-hBKqFYY-kv5ZJ"
    static let openAIProject = "sk-proj-r3J1TWDtkwtDDb_xHKas1VOqg6YYZYn9ZhyiA4uo"
    static let openAI = "sk-vMdgaKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjgVvVqE1SkHbn"
    static let stripe = "sk_live_88HxjSI6bWHtP3fS2qHx6kwX"
    static let aws = "AKIAIOSFODNN7EXAMPLE"
    static let awsSecret = "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"
    static let slack = "xoxb-123456789012-1234567890123-d6vw5dql05ha064giijhgb3c"
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    @Test func providerTokensAnywhere() {
        for token in [Self.ghp, Self.pat, Self.google, Self.openAIProject, Self.openAI, Self.stripe, Self.aws, Self.slack, Self.jwt] {
            #expect(found("leaked \(token) in the log") == [token], "\(token)")
            #expect(found("(\(token))") == [token], "\(token)")
        }
        #expect(found("Authorization: Bearer \(Self.jwt)") == [Self.jwt])
        // A token glued to a word, or cut short, is not one.
        #expect(found("x\(Self.ghp)").isEmpty && found(String(Self.ghp.dropLast())).isEmpty)
        #expect(found(Self.aws + "Z").isEmpty)
    }

    @Test func exactOffsetsAfterMultiByteText() {
        // "密钥：" is three 3-byte characters.
        let zh = detect("密钥：\(Self.ghp)，请勿外传")
        #expect(zh.count == 1 && zh[0].0 == 9 && zh[0].1 == 49)
        let de = detect("Schlüssel für die Prüfung: api_key = \"\(Self.awsSecret)\"")
        #expect(de.count == 1 && de[0].0 == 41 && de[0].1 == 81 && de[0].2 == Self.awsSecret)
        let es = detect("Contraseña del servidor → password: Tr0ub4dor#3x")
        #expect(es.count == 1 && es[0].0 == 39 && es[0].1 == 51 && es[0].2 == "Tr0ub4dor#3x")
    }

    @Test func genericAssignments() {
        #expect(found("aws_secret_access_key = \(Self.awsSecret)") == [Self.awsSecret])
        #expect(found("{\"client_secret\": \"2cec255404e4fb440034d6608697a8d4\", \"x\": 1}") == ["2cec255404e4fb440034d6608697a8d4"])
        #expect(found("export API_TOKEN=d6Vw5DQL05HA064GiIjHGb3C") == ["d6Vw5DQL05HA064GiIjHGb3C"])
        #expect(found("  secretKey: 'd6Vw5DQL05HA064GiIjHGb3C'\n") == ["d6Vw5DQL05HA064GiIjHGb3C"])
        #expect(found("$config['auth_key'] => \"Zx81Lp0Qw7Tr3Nv6\";") == ["Zx81Lp0Qw7Tr3Nv6"])
        #expect(found("token := \"Zx81Lp0Qw7Tr3Nv6\"") == ["Zx81Lp0Qw7Tr3Nv6"])
        #expect(found("DB_PASSWORD=Sommer2024!") == ["Sommer2024!"])
        #expect(found("mot_de_passe = \"Ch@ton-2019\"") == ["Ch@ton-2019"])
        #expect(found("GET /v1/items?api_key=Zx81Lp0Qw7Tr3Nv6&page=2") == ["Zx81Lp0Qw7Tr3Nv6"])
        #expect(found("{\\\"apiKey\\\": \\\"Zx81Lp0Qw7Tr3Nv6\\\"}") == ["Zx81Lp0Qw7Tr3Nv6"])
        #expect(found("\"key\": \"Zx81Lp0Qw7Tr3Nv6\"") == ["Zx81Lp0Qw7Tr3Nv6"])
    }

    @Test func placeholdersAndReferencesAreNotSecrets() {
        for text in [
            "api_key = your_api_key_here", "token: <token>", "SECRET=${SECRET}", "password: {{ secret }}",
            "api_key = \"xxxxxxxxxxxxxxxxxxxx\"", "password = ********", "PASSWORD=changeme", "token = null",
            "secret: None", "auth: true", "api_key = os.environ[\"API_KEY\"]", "token = process.env.TOKEN",
            "secret = get_secret(\"name\")", "api_key = config.api_key", "token = settings.SLACK_TOKEN",
            "password: short1", "api_key = abc123", "password = correcthorsebattery", "Password: Enter your password",
            "tokenizer: bert-base-uncased", "author: Jean-Pierre Dupont", "Sort Key: t2.unique2",
            "smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd", "pkcs11:token=My%20Token%20Name;id=45",
            "AUTH=CRAM-MD5", "max_tokens = 2048", "secret_santa: Secretary", "password == \"Sommer2024!\"",
            "if (token != \"Zx81Lp0Qw7Tr3Nv6\")",
        ] {
            #expect(found(text).isEmpty, "\(text): \(found(text))")
        }
    }

    @Test func bareHashesAndIdsAreNotSecrets() {
        for text in [
            "commit da39a3ee5e6b4b0d3255bfef95601890afd80709 fixed it", "Der fehlerhafte Commit ist 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12.",
            "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "Transaction ID 123e4567-e89b-12d3-a456-426614174000", "交易编号 550e8400-e29b-41d4-a716-446655440000",
            "color: #ff8800; background: #1e90ff", "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
            "Identifiant de transaction 9b2c1d4e-7f3a-4b5c-8d9e-0a1b2c3d4e5f",
        ] {
            #expect(found(text).isEmpty, "\(text): \(found(text))")
        }
    }

    @Test func privateKeyBlocks() {
        let body = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MaGZ3VbCSAG+wXnv\nZwIDAQABAoIBAEtM1MVdAv4n0sHf/QoJ9o0C5bW+0Y9xFQ1mZ2vV8fYy3O1n0e0L"
        let block = "-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----"
        let text = "Clé privée :\n\(block)\nFin."
        let d = detect(text)
        #expect(d.count == 1 && d[0].2 == block)
        #expect(d.first?.0 == 15)
        // OpenSSH and unlabelled PKCS#8 blocks, and a JSON string with \n escapes.
        let ssh = "-----BEGIN OPENSSH PRIVATE KEY-----\n\(body)\n-----END OPENSSH PRIVATE KEY-----"
        #expect(found("key:\n" + ssh) == [ssh])
        let json = "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n\(body.replacingOccurrences(of: "\n", with: "\\n"))\\n-----END PRIVATE KEY-----\\n\"}"
        #expect(found(json).count == 1 && found(json).first?.hasSuffix("-----END PRIVATE KEY-----") == true)
        // Public keys, certificates, mismatched labels and documentation stubs are not reported.
        #expect(found("-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----").isEmpty)
        #expect(found("-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----").isEmpty)
        #expect(found("-----BEGIN RSA PRIVATE KEY-----\n... (private key in base64 encoding) ...\n-----END RSA PRIVATE KEY-----").isEmpty)
        // A truncated block still covers its body.
        let cut = "-----BEGIN EC PRIVATE KEY-----\n\(body)"
        #expect(found(cut + "\n\nmore text") == [cut])
    }

    @Test func slackWebhooks() {
        let url = "https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/9xQzR7mK2pL4vN8sT3wY6uJ1"
        let d = detect("webhook: \(url)")
        #expect(d.count == 1 && d[0].2 == "T024BE7LD/B01ABCDEF12/9xQzR7mK2pL4vN8sT3wY6uJ1")
        #expect(found("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX").isEmpty)
    }

    @Test func alignmentDoesNotChangeFindings() {
        // The scan skips eight bytes at a time; findings must not depend on where they fall.
        let text = "a \(Self.ghp) b token=\"Zx81Lp0Qw7Tr3Nv6\" c \(Self.aws)"
        expectAlignmentIndependence(of: SecretDetector(), type: .secret, in: text, count: 3)
    }

    @Test func scanHandlesEdges() {
        #expect(found("") == [])
        #expect(found("=") == [] && found(":") == [] && found("-----BEGIN") == [] && found("eyJ") == [])
        #expect(found(String(repeating: "password=", count: 50)) == [])
        #expect(found(String(repeating: "-", count: 100)) == [])
    }
}
