import Foundation
import Testing

@testable import GatehouseCore

@Suite struct PayloadDigestTests {
    @Test func jsonShapeHasTypesNotValues() {
        let body = #"{"model":"llama","n":2,"stream":true,"key":"sk-secret-value","msgs":[{"role":"user"}],"x":null}"#
        let digest = PayloadDigest(bytes: Array(body.utf8))
        #expect(
            digest.shape == #"{"key":string,"model":string,"msgs":[{"role":string}],"n":number,"stream":bool,"x":null}"#
        )
        #expect(!digest.shape.contains("sk-secret-value"))
        #expect(digest.sha256.count == 64)
    }

    @Test func aParsedValueDigestsAsItsEncoding() throws {
        let value = try #require(JSONValue.parse(Data(#"{"b":[1,"x"],"a":{"k":null}}"#.utf8)))
        #expect(PayloadDigest(json: value) == PayloadDigest(bytes: value.encoded))
    }

    @Test func nonJSONIsBytes() {
        #expect(PayloadDigest(bytes: [0xff, 0x00, 0x01]).shape == "bytes(3)")
    }

    @Test func parametersAreHashedCanonically() {
        let a = PayloadDigest(parameters: ["b": "2", "a": "1"])
        let b = PayloadDigest(parameters: ["a": "1", "b": "2"])
        #expect(a == b)
        #expect(a.shape == #"{"a":string,"b":string}"#)
    }

    @Test func hexRoundTripsAndRejectsJunk() {
        #expect(Hex.decode("00ff10") == [0, 255, 16])
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.encode([0xde, 0xad]) == "dead")
    }

    @Test func rfc3339IsUTCWithMicroseconds() {
        #expect(WallClock.rfc3339(micros: 0) == "1970-01-01T00:00:00.000000Z")
        #expect(WallClock.rfc3339(micros: 1_764_378_644_123_456) == "2025-11-29T01:10:44.123456Z")
    }
}
