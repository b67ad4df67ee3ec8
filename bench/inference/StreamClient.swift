import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Chat completions of one fixed prompt (temperature 0, fixed seed), streamed or not.
struct StreamClient: Sendable {
    var prompt: String
    var maxTokens: Int
    var seed: Int

    /// One streamed completion: wall time to `[DONE]`, time to the first content, the text, and
    /// the completion tokens of the usage chunk when the server sent one.
    struct Run: Sendable {
        var wall: Duration
        var firstToken: Duration
        var text: String
        var usageTokens: Int?
    }

    /// Streams one completion from `target`, reading SSE `data:` lines until `[DONE]`.
    func stream(_ target: Target) async throws -> Run {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await HTTPClient.shared.execute(request(target, stream: true), timeout: .seconds(600))
        guard response.status == .ok else {
            let body = try await response.body.collect(upTo: 1 << 20)
            throw BenchError("\(target.name): HTTP \(response.status.code): \(String(buffer: body))")
        }
        var run = Run(wall: .zero, firstToken: .zero, text: "", usageTokens: nil)
        var pending = ""
        for try await buffer in response.body {
            pending += String(buffer: buffer)
            while let newline = pending.firstIndex(of: "\n") {
                let line = pending[..<newline].trimmingCharacters(in: .whitespaces)
                pending = String(pending[pending.index(after: newline)...])
                guard line.hasPrefix("data:") else { continue }
                let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if payload == "[DONE]" { break }
                guard let chunk = Self.json(payload) else { continue }
                if let usage = chunk["usage"] as? [String: Any], let tokens = usage["completion_tokens"] as? Int {
                    run.usageTokens = tokens
                }
                let choices = chunk["choices"] as? [[String: Any]] ?? []
                let delta = choices.first?["delta"] as? [String: Any]
                if let content = delta?["content"] as? String, !content.isEmpty {
                    if run.text.isEmpty { run.firstToken = clock.now - start }
                    run.text += content
                }
            }
        }
        run.wall = clock.now - start
        return run
    }

    /// The `usage.completion_tokens` of one non-streamed completion.
    func completionTokens(_ target: Target) async throws -> Int {
        let response = try await HTTPClient.shared.execute(request(target, stream: false), timeout: .seconds(600))
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok, let object = Self.json(String(buffer: body)),
            let usage = object["usage"] as? [String: Any], let tokens = usage["completion_tokens"] as? Int
        else { throw BenchError("\(target.name): no usage in \(String(buffer: body).prefix(500))") }
        return tokens
    }

    private func request(_ target: Target, stream: Bool) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token = target.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        var body: [String: Any] = [
            "model": target.model, "messages": [["role": "user", "content": prompt]],
            "max_tokens": maxTokens, "temperature": 0, "seed": seed, "stream": stream,
        ]
        if stream { body["stream_options"] = ["include_usage": true] }
        let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
        request.body = .bytes(ByteBuffer(bytes: data))
        return request
    }

    private static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
