import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct SSEDecoderTests {
    static let stream = Array(
        ": keep-alive\r\nevent: message\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\nid: 7\ndata: line one\ndata:line two\n\n"
            .utf8)

    @Test func splitAtEveryByteBoundary() throws {
        for cut in 0...Self.stream.count {
            var decoder = SSEDecoder()
            var events = try decoder.feed(Self.stream[..<cut])
            events += try decoder.feed(Self.stream[cut...])
            #expect(events.map { String(decoding: $0.data, as: UTF8.self) } == ["{\"a\":\n1}", "line one\nline two"])
        }
    }

    @Test func byteByByte() throws {
        var decoder = SSEDecoder()
        var events: [SSEEvent] = []
        for byte in Self.stream { events += try decoder.feed([byte]) }
        #expect(events.count == 2)
        #expect(events.first?.json == ["a": 1])
    }

    @Test func bareCarriageReturnsEndLines() throws {
        var decoder = SSEDecoder()
        let events = try decoder.feed(Array("data: x\r\rdata: y\r\r".utf8))
        #expect(events.map(\.data) == [Data("x".utf8), Data("y".utf8)])
    }

    @Test func doneMarkerAndCommentsOnly() throws {
        var decoder = SSEDecoder()
        let events = try decoder.feed(Array(": ping\n\n: ping\n\ndata: [DONE]\n\n".utf8))
        #expect(events.count == 1)
        #expect(events.first?.isDone == true)
    }

    @Test func oversizedEventRefused() throws {
        var decoder = SSEDecoder(maxEventBytes: 64)
        #expect(try decoder.feed(Array("data: \(String(repeating: "a", count: 40))\n".utf8)).isEmpty)
        #expect(throws: GatehouseError(.payloadTooLarge, "stream event exceeds 64 bytes")) {
            try decoder.feed(Array("data: \(String(repeating: "b", count: 40))\n".utf8))
        }
    }

    @Test func oversizedCommentLineRefused() {
        var decoder = SSEDecoder(maxEventBytes: 16)
        #expect(throws: GatehouseError.self) { try decoder.feed(Array(repeating: UInt8(ascii: ":"), count: 17)) }
    }

    @Test func eventsUnderLimitAfterLargeOnesPass() throws {
        var decoder = SSEDecoder(maxEventBytes: 64)
        let body = String(repeating: "c", count: 50)
        let events = try decoder.feed(Array("data: \(body)\n\ndata: \(body)\n\n".utf8))
        #expect(events.count == 2)
    }

    @Test func finishReturnsUnterminatedEventOnlyWithCompleteLines() throws {
        var decoder = SSEDecoder()
        #expect(try decoder.feed(Array("data: {\"b\":2}\ndata: partial".utf8)).isEmpty)
        #expect(decoder.finish()?.data == Data("{\"b\":2}".utf8))
        #expect(decoder.finish() == nil)
    }

    @Test func encodesEventsAndTerminator() {
        let encoded = SSEEvent.encode(["text": "two\nlines"])
        #expect(String(decoding: encoded, as: UTF8.self) == "data: {\"text\":\"two\\nlines\"}\n\n")
        #expect(String(decoding: SSEEvent.doneMarker, as: UTF8.self) == "data: [DONE]\n\n")
    }

    @Test func encodedEventsDecode() throws {
        var decoder = SSEDecoder()
        let value: JSONValue = ["choices": [["delta": ["content": "hi"]]]]
        let events = try decoder.feed(Array(SSEEvent.encode(value) + SSEEvent.doneMarker))
        #expect(events.first?.json == value)
        #expect(events.last?.isDone == true)
    }
}
