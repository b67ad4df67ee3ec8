import ArgumentParser
import Foundation
import Hummingbird
import NIOCore

/// `fake-upstream`: an OpenAI-compatible engine that answers at once with fixed bodies, so that
/// whatever stands in front of it, not the engine, bounds the measured latency.
struct FakeUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-upstream",
        abstract: "Serve a fixed OpenAI-compatible chat completion; prints FAKE_UPSTREAM_URL=<base URL>."
    )

    @Option(help: "Port on 127.0.0.1 (0: a free one).")
    var port = 0

    func run() async throws {
        try await FakeUpstream.application(port: port) { url in
            FileHandle.standardOutput.write(Data("FAKE_UPSTREAM_URL=\(url)\n".utf8))
        }.runService()
    }
}

/// The fake engine's routes: `POST /v1/chat/completions` (plain or `stream: true`) and
/// `GET /v1/models`.
enum FakeUpstream {
    /// The only field of the request the fake looks at.
    private struct Probe: Decodable {
        var stream: Bool?
    }

    /// A Hummingbird application on 127.0.0.1:`port`; `onReady` gets its base URL (`…/v1`).
    static func application(
        port: Int, onReady: @escaping @Sendable (String) -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 4 << 20)
            let probe = try? JSONDecoder().decode(Probe.self, from: Data(body.readableBytesView))
            guard probe?.stream == true else {
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: FakeBodies.completion))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: .init { writer in
                    for chunk in FakeBodies.streamChunks {
                        try await writer.write(chunk)
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/v1/models") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: FakeBodies.models))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fake-upstream"),
            onServerRunning: { channel in
                onReady("http://127.0.0.1:\(channel.localAddress?.port ?? port)/v1")
            })
    }
}

/// The fixed response bodies, encoded once.
enum FakeBodies {
    static let created = 1_700_000_000
    static let completion = ByteBuffer(
        string: #"{"id":"chatcmpl-bench","object":"chat.completion","created":\#(created),"model":"bench","#
            + #""choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake upstream."},"#
            + #""finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}"#)
    static let models = ByteBuffer(
        string: #"{"object":"list","data":[{"id":"bench","object":"model","created":\#(created),"owned_by":"bench"}]}"#)

    /// Five content chunks, a finish chunk, a usage chunk and `[DONE]`, one SSE event each.
    static let streamChunks: [ByteBuffer] = {
        let head = #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":\#(created),"model":"bench","#
        var events = ["Hello", " from", " the", " fake", " upstream."].enumerated().map { index, text in
            let role = index == 0 ? #""role":"assistant","# : ""
            return head + #""choices":[{"index":0,"delta":{\#(role)"content":"\#(text)"},"finish_reason":null}]}"#
        }
        events.append(head + #""choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#)
        events.append(head + #""choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}"#)
        events.append("[DONE]")
        return events.map { ByteBuffer(string: "data: \($0)\n\n") }
    }()
}
