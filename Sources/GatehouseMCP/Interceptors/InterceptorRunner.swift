public import AsyncHTTPClient
import Foundation
public import GatehouseCore
public import GatehouseSandbox
import NIOCore
import NIOHTTP1

/// Runs the user-defined interceptors of a call, in order. Each gets
/// `{"when", "server", "tool", "arguments", "result"?}` as JSON. Any failure (a crash, a time
/// out, an answer that is not JSON) refuses the call: an interceptor is a control, and a broken
/// control must not let everything through.
public struct InterceptorRunner: Sendable {
    /// What the interceptors decided.
    public enum Verdict: Sendable, Equatable {
        case proceed
        case replaceArguments(JSONValue)
        case replaceResult(JSONValue)
    }

    let manager: SandboxManager?
    let http: HTTPClient?

    /// The most an interceptor may answer.
    static let answerLimit = 1 << 20

    /// Creates a runner; commands need the sandbox manager, URLs the HTTP client.
    public init(manager: SandboxManager?, http: HTTPClient?) {
        self.manager = manager
        self.http = http
    }

    func run(
        _ specs: [InterceptorSpec], _ when: InterceptorSpec.When, tool: ExposedTool, arguments: JSONValue,
        result: JSONValue?
    ) async throws -> Verdict {
        var arguments = arguments
        var result = result
        var verdict = Verdict.proceed
        for spec in specs where spec.when == when && spec.tools.contains(where: { Glob($0).matches(tool.resource) }) {
            var input: JSONValue = [
                "when": .string(when.rawValue), "server": .string(tool.server), "tool": .string(tool.tool),
                "arguments": arguments,
            ]
            if let result { input["result"] = result }
            let answer: Data
            do {
                answer = try await execute(spec, input: input.encoded)
            } catch {
                throw refusal(spec, "it failed: \(error)")
            }
            guard !answer.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) else { continue }
            guard let decoded = JSONValue.parse(answer), decoded.objectValue != nil else {
                throw refusal(spec, "its answer is not a JSON object")
            }
            if decoded["action"]?.stringValue == "deny" {
                let reason = decoded["reason"]?.stringValue ?? "no reason given"
                throw refusal(spec, String(reason.prefix(500)))
            }
            let bareResult: JSONValue? = decoded["content"] != nil ? decoded : nil
            if let replaced = decoded["result"] ?? bareResult {
                result = replaced
                verdict = .replaceResult(replaced)
                if when == .before { return verdict }
            } else if when == .before, let rewritten = decoded["arguments"] {
                arguments = rewritten
                verdict = .replaceArguments(rewritten)
            }
        }
        return verdict
    }

    private func refusal(_ spec: InterceptorSpec, _ reason: String) -> ToolRefusal {
        ToolRefusal(
            rule: "interceptor:" + spec.name, reason: "the \(spec.name) interceptor refused the call: \(reason)",
            error: .forbidden("the \(spec.name) interceptor refused the call: \(reason)"))
    }

    private func execute(_ spec: InterceptorSpec, input: Data) async throws -> Data {
        switch spec.target {
        case .exec(let argv): try await runCommand(argv, spec: spec, input: input)
        case .http(let url): try await post(url, spec: spec, input: input)
        }
    }

    private func runCommand(_ argv: [String], spec: InterceptorSpec, input: Data) async throws -> Data {
        guard let manager else { throw GatehouseError(.sandboxUnavailable, "no sandbox backend for interceptors") }
        var sandbox = SandboxSpec(command: argv)
        sandbox.limits.wallSeconds = spec.timeoutSeconds
        let backend = try await manager.choose("namespaces", minimum: nil)
        let stdin = SandboxInput()
        let started = try await manager.start(
            sandbox, on: backend, owner: "mcp-interceptor:" + spec.name, input: stdin,
            egress: { _ in EgressDecision(allowed: false, reason: "interceptors have no network") })
        try? await stdin.write(input)
        stdin.close()
        var output = Data()
        for await chunk in started.output {
            if case .stdout(let data) = chunk, output.count < Self.answerLimit { output.append(data) }
        }
        let ended = try await started.result.value
        guard ended.reason == .exited(0) else {
            throw GatehouseError(.internal, "it ended with status \(ended.exitStatus)")
        }
        guard output.count <= Self.answerLimit else { throw GatehouseError(.internal, "its answer is over 1 MiB") }
        return output
    }

    private func post(_ url: String, spec: InterceptorSpec, input: Data) async throws -> Data {
        guard let http else { throw GatehouseError(.internal, "no HTTP client for interceptors") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: input))
        let response = try await http.execute(request, timeout: .seconds(Int64(spec.timeoutSeconds)))
        let body = try await response.body.collect(upTo: Self.answerLimit)
        guard (200..<300).contains(response.status.code) else {
            throw GatehouseError(.internal, "it answered HTTP \(response.status.code)")
        }
        return Data(body.readableBytesView)
    }
}
