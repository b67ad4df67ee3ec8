import Foundation
import GatehouseCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An OpenAI-compatible upstream written for the tests: it answers chat completions (plain,
/// streamed without a usage chunk, or with a tool call when tools are offered) and embeddings,
/// and remembers what it was sent — bodies and the Authorization header — so a test can check
/// what Gatehouse forwarded.
final class FakeUpstream: Sendable {
    struct Seen: Sendable {
        var authorization: String?
        var traceparent: String?
        var body: JSONValue
    }

    let seen = Mutex<[Seen]>([])
    /// The status to answer with instead of a completion (and an error message naming the key).
    let failWith = Mutex<Int?>(nil)
    static let key = "sk-fake-upstream-key-0123456789"

    var requests: [Seen] { seen.withLock { $0 } }

    /// Runs the upstream on 127.0.0.1 for `body`, with its port.
    func run(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await self.chat(request) }
        router.post("/v1/embeddings") { request, _ in
            _ = try await self.record(request)
            let answer: JSONValue = [
                "object": "list", "model": "embed-test",
                "data": [["object": "embedding", "index": 0, "embedding": [.number(0.5), .number(-0.25)]]],
                "usage": ["prompt_tokens": 3, "total_tokens": 3],
            ]
            return Self.json(answer)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client.port!) }
    }

    private func record(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        let value = JSONValue.parse(Data(buffer.readableBytesView)) ?? .null
        let seen = Seen(
            authorization: request.headers[.authorization],
            traceparent: request.headers[HTTPField.Name("traceparent")!],
            body: value)
        self.seen.withLock { $0.append(seen) }
        return value
    }

    private func chat(_ request: Request) async throws -> Response {
        let body = try await record(request)
        if let status = failWith.withLock({ $0 }) {
            let error: JSONValue = ["error": ["message": .string("Incorrect API key provided: \(Self.key)")]]
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: error.encoded)))
        }
        let model = body["model"]?.stringValue ?? "?"
        let wantsTool = body["tools"] != nil
        if body["stream"]?.boolValue == true {
            var text = ""
            for piece in ["Hel", "lo", " there"] {
                let chunk: JSONValue = [
                    "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": .string(model),
                    "choices": [["index": 0, "delta": ["content": .string(piece)], "finish_reason": .null]],
                ]
                text += "data: \(chunk.text)\n\n"
            }
            let last: JSONValue = [
                "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": .string(model),
                "choices": [["index": 0, "delta": [:], "finish_reason": "stop"]],
            ]
            text += "data: \(last.text)\n\ndata: [DONE]\n\n"
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let message: JSONValue =
            wantsTool
            ? [
                "role": "assistant", "content": .null,
                "tool_calls": [
                    [
                        "id": "call_1", "type": "function",
                        "function": ["name": "get_weather", "arguments": #"{"city": "Paris"}"#],
                    ]
                ],
            ] : ["role": "assistant", "content": "Hello there"]
        let answer: JSONValue = [
            "id": "c2", "object": "chat.completion", "created": 1, "model": .string(model),
            "choices": [["index": 0, "message": message, "finish_reason": wantsTool ? "tool_calls" : "stop"]],
            "usage": ["prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15],
        ]
        return Self.json(answer)
    }

    static func json(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: value.encoded)))
    }
}
