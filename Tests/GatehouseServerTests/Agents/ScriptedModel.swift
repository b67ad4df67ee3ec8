import Foundation
import GatehouseCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A deterministic OpenAI-compatible model server for agent tests: it answers from a script.
/// Each step names the agent it is for by a phrase of that agent's system prompt and the turn
/// within the user's message (0 for the first model call after the user spoke, 1 after the
/// first tool results…), and says what to answer: text, or tool calls (whose arguments are sent
/// exactly as written, malformed JSON included). `{{last_tool}}` in a text is replaced by the
/// last tool result the model was sent. Answers stream as OpenAI chunks, tool-call arguments in
/// two fragments, with a usage chunk whose counts are computed from the request and the answer.
final class ScriptedModel: Sendable {
    enum Reply: Sendable {
        case text(String)
        case calls([(name: String, arguments: String)])
    }

    struct Step: Sendable {
        var agent: String
        var turn: Int
        var reply: Reply
        /// When set, the step is only for requests some message of which holds this text.
        var seen: String? = nil
    }

    let steps: [Step]
    private let received = Mutex<[JSONValue]>([])

    init(_ steps: [Step]) {
        self.steps = steps
    }

    /// The request bodies received, in order.
    var requests: [JSONValue] { received.withLock { $0 } }

    /// Runs the server on 127.0.0.1 for `body`, with its port.
    func run(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await self.answer(request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client.port!) }
    }

    private func answer(_ request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        let body = JSONValue.parse(Data(buffer.readableBytesView)) ?? .null
        received.withLock { $0.append(body) }
        let messages = body["messages"]?.arrayValue ?? []
        let system = messages.first { $0["role"]?.stringValue == "system" }?["content"]?.stringValue ?? ""
        let lastUser = messages.lastIndex { $0["role"]?.stringValue == "user" } ?? 0
        let turn = messages[lastUser...].filter { $0["role"]?.stringValue == "assistant" }.count
        let lastTool = messages.last { $0["role"]?.stringValue == "tool" }?["content"]?.stringValue ?? ""
        let texts = messages.compactMap { $0["content"]?.stringValue }
        let reply =
            steps.first { step in
                system.contains(step.agent) && step.turn == turn
                    && (step.seen.map { seen in texts.contains { $0.contains(seen) } } ?? true)
            }?.reply
            ?? .text("(the script has no step for this agent at turn \(turn))")
        let promptTokens = body.encoded.count / 4
        var chunks: [JSONValue] = []
        var completion = 0
        switch reply {
        case .text(let template):
            let text = template.replacingOccurrences(of: "{{last_tool}}", with: lastTool)
            completion = max(1, text.utf8.count / 4)
            let middle = text.index(text.startIndex, offsetBy: text.count / 2)
            for piece in [String(text[..<middle]), String(text[middle...])] where !piece.isEmpty {
                chunks.append(Self.chunk(["content": .string(piece)], finish: nil))
            }
            chunks.append(Self.chunk([:], finish: "stop"))
        case .calls(let calls):
            for (index, call) in calls.enumerated() {
                let cut = call.arguments.index(call.arguments.startIndex, offsetBy: call.arguments.count / 2)
                completion += max(1, (call.name.utf8.count + call.arguments.utf8.count) / 4)
                chunks.append(
                    Self.chunk(
                        [
                            "tool_calls": [
                                [
                                    "index": .integer(Int64(index)), "id": .string("call_\(turn)_\(index)"),
                                    "type": "function",
                                    "function": [
                                        "name": .string(call.name),
                                        "arguments": .string(String(call.arguments[..<cut])),
                                    ],
                                ]
                            ]
                        ], finish: nil))
                chunks.append(
                    Self.chunk(
                        [
                            "tool_calls": [
                                [
                                    "index": .integer(Int64(index)),
                                    "function": ["arguments": .string(String(call.arguments[cut...]))],
                                ]
                            ]
                        ], finish: nil))
            }
            chunks.append(Self.chunk([:], finish: "tool_calls"))
        }
        var usage = Self.chunk(nil, finish: nil)
        usage["choices"] = []
        usage["usage"] = [
            "prompt_tokens": .integer(Int64(promptTokens)), "completion_tokens": .integer(Int64(completion)),
            "total_tokens": .integer(Int64(promptTokens + completion)),
        ]
        chunks.append(usage)
        let text = chunks.map { "data: \($0.text)\n\n" }.joined() + "data: [DONE]\n\n"
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"], body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    private static func chunk(_ delta: JSONValue?, finish: String?) -> JSONValue {
        [
            "id": "scripted", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
            "choices": [["index": 0, "delta": delta ?? [:], "finish_reason": finish.map(JSONValue.string) ?? .null]],
        ]
    }
}
