// Tests for URLCredentialsDetector: the `user:password` of URLs in several schemes and in
// English, German, French, Spanish and Chinese text, with exact UTF-8 byte offsets, and the
// hard negatives (no password, no host, no scheme, documentation placeholders).
import Testing
@testable import QuarryPII

@Suite struct URLCredentialsDetectorTests {
    func detect(_ s: String) -> [(Int, Int, String)] { detections(of: URLCredentialsDetector(), type: .urlWithCredentials, in: s) }

    func found(_ s: String) -> [String] { detect(s).map(\.2) }

    @Test func exactOffsetsAfterMultiByteText() {
        // "用" is 3 bytes, then "https://" 8 bytes.
        let zh = detect("用https://deploy:Xk2_9fQ.z~1@mirror.example.cn/镜像可以下载。")
        #expect(zh.count == 1 && zh[0].0 == 11 && zh[0].1 == 29 && zh[0].2 == "deploy:Xk2_9fQ.z~1")
        let de = detect("Ich habe es über https://root:t0p-Geheim@ftp.example.de/ versucht.")
        #expect(de.count == 1 && de[0].0 == 26 && de[0].1 == 41)
    }

    @Test func schemesAndLanguages() {
        #expect(found("I used the mirror at https://admin:h7Gk2pQ9xL@files.example.com/pub/ and it worked.")
                == ["admin:h7Gk2pQ9xL"])
        #expect(found("J'ai testé avec ftp://backup:Zq81-mMx3@10.0.0.5/ sans succès.") == ["backup:Zq81-mMx3"])
        #expect(found("Probé con sftp://ci:Aa9.bb8~Cc7@host.es:22/ y tampoco.") == ["ci:Aa9.bb8~Cc7"])
        #expect(found("DATABASE_URL=postgres://app:s3cr3t%21x@db.internal:5432/prod") == ["app:s3cr3t%21x"])
        #expect(found("mongodb+srv://svc:Pq7rT2vW@cluster0.mongodb.net/test") == ["svc:Pq7rT2vW"])
        #expect(found("REDIS_URL=redis://:r3d1sPw@cache:6379/0") == [":r3d1sPw"])
        #expect(found("amqps://guest:g9T!x$2a@[2001:db8::1]:5671") == ["guest:g9T!x$2a"])
        // A raw '@' in the password: the userinfo runs to the last '@' of the authority.
        #expect(found("mysql://root:p@ss2024@localhost/db") == ["root:p@ss2024"])
    }

    @Test func hardNegatives() {
        for text in [
            "https://user@example.com/ has no password", "ssh://git@github.com:22/org/repo.git",
            "https://example.com:8080/path?a=b@c", "mailto:ann:x@y.org", "http://host/path/user:pw@x",
            "https://:@example.com", "https://user:@example.com", "https://user:x1y2z3@/path",
            "ftp://anonymous:password@ftp.debian.org", "https://user:pass@example.com",
            "http://login-on-proxy:passwd-on-proxy@proxy-host.com:port", "smb://user:xxxx@server",
            "user:s3cret@host without scheme", "1://a:b@c", "",
        ] {
            #expect(found(text).isEmpty, "\(text): \(found(text))")
        }
    }
}
