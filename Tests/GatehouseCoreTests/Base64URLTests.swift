import Foundation
import GatehouseCore
import Testing

/// Base64url as JOSE uses it: no padding, `-` and `_` for `+` and `/`.
struct Base64URLTests {
    @Test func roundTripsEveryLengthAndByte() {
        var bytes: [UInt8] = []
        for length in 0..<70 {
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(Base64URL.decode(encoded) == Data(bytes))
            bytes.append(UInt8(truncatingIfNeeded: length * 37 + 251))
        }
    }

    @Test func matchesRFC4648Vectors() {
        // RFC 4648 §10 vectors, unpadded, and bytes that need the URL alphabet.
        let vectors: [(String, String)] = [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Data(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Data(plain.utf8))
        }
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == Data([0xfb, 0xff, 0xbf]))
    }

    @Test func refusesPaddingOtherAlphabetsAndImpossibleLengths() {
        #expect(Base64URL.decode("Zg==") == nil)
        #expect(Base64URL.decode("+/+/") == nil)
        #expect(Base64URL.decode("Zm9v YmFy") == nil)
        #expect(Base64URL.decode("Zm9vY") == nil)
        #expect(Base64URL.decode("Zm9\u{00e9}") == nil)
    }
}
