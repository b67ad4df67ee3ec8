import Foundation
import Testing

@testable import GatehouseMCP

/// Fake but format-valid secret material. Values are generated (a fixed-seed generator) and
/// vendor prefixes are glued on at run time, so no real-looking token sits in the source for
/// push protection to trip over.
enum Fake {
    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let alnum = upper + lower + digits
    static let base64URL = alnum + "-_"
    static let base64 = alnum + "+/"
    static let lowerHex = "0123456789abcdef"

    /// AWS's documentation example secret access key, split so it is not one literal.
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"

    /// The BEGIN line of a PEM private key of `type` (`"RSA "`, `""`, `"PGP "`...), glued
    /// together at run time.
    static func begin(_ type: String, block: Bool = false) -> String {
        "-----BEGIN " + type + "PRIVATE" + " KEY" + (block ? " BLOCK" : "") + "-----"
    }

    /// `count` characters of `alphabet`, the same for the same seed.
    static func string(_ count: Int, from alphabet: String = alnum, seed: UInt64 = 1) -> String {
        let chars = Array(alphabet)
        var state = seed
        return String(
            (0..<count).map { _ in
                // SplitMix64.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                return chars[Int(z % UInt64(chars.count))]
            })
    }

    /// Base64url without padding, as in JWTs.
    static func base64URLEncoded(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A JWT with an HS256 header, a small payload and a random signature.
    static func jwt(seed: UInt64 = 7) -> String {
        base64URLEncoded(#"{"alg":"HS256","typ":"JWT"}"#) + "."
            + base64URLEncoded(#"{"sub":"1234567890","name":"Test User","iat":1516239022}"#) + "."
            + string(43, from: base64URL, seed: seed)
    }

    /// Lines of base64 key material, 64 characters each.
    static func keyBody(lines: Int = 5, separator: String = "\n") -> String {
        (0..<lines).map { string(64, from: base64, seed: UInt64(100 + $0)) }.joined(separator: separator)
    }

    /// A PEM private key block of `type` (`"RSA "`, `""`, `"OPENSSH "`...).
    static func pem(_ type: String = "RSA ", separator: String = "\n") -> String {
        begin(type) + separator + keyBody(separator: separator) + separator + "-----END " + type + "PRIVATE KEY-----"
    }
}

/// The findings of the default scanner (or `scanner`) in `text`.
func scan(_ text: String, _ scanner: SecretScanner = SecretScanner()) -> [SecretFinding] {
    scanner.scan(text)
}

/// The text a finding covers.
func covered(_ text: String, _ finding: SecretFinding) -> String {
    String(decoding: Array(text.utf8)[finding.range], as: UTF8.self)
}

/// Expects exactly one finding in `text`, from `rule`, covering exactly `secret`.
func expectSingle(
    _ rule: String, in text: String, covering secret: String, scanner: SecretScanner = SecretScanner(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let findings = scanner.scan(text)
    #expect(findings.map(\.rule) == [rule], sourceLocation: sourceLocation)
    guard findings.count == 1 else { return }
    #expect(covered(text, findings[0]) == secret, sourceLocation: sourceLocation)
    #expect(scanner.containsSecret(text), sourceLocation: sourceLocation)
}

/// Expects no finding in `text`.
func expectClean(
    _ text: String, scanner: SecretScanner = SecretScanner(), sourceLocation: SourceLocation = #_sourceLocation
) {
    let findings = scanner.scan(text)
    #expect(findings.isEmpty, "unexpected: \(findings.map(\.summary))", sourceLocation: sourceLocation)
    #expect(!scanner.containsSecret(text), sourceLocation: sourceLocation)
}
