import Foundation
public import GatehouseCore

/// What a call produced, for the front end's answer and its audit record.
public struct CallOutcome: Sendable {
    /// The tool result as the client gets it (after redaction and interceptors).
    public var result: JSONValue
    /// Its size in bytes, encoded.
    public var resultBytes: Int
    /// Secret rules whose matches were redacted from the result.
    public var redacted: [String]
}

/// The interceptor pipeline of one `tools/call`. The order, and why:
///
/// 1. authenticate (front end): nothing is looked at before we know who asks;
/// 2. policy (front end, for `tool.call` on `server/tool`; the profile here): a refused call
///    costs nothing further and reveals nothing about the arguments' handling;
/// 3. secret scan of the arguments: blocked before any user interceptor or server sees them,
///    so a leaked credential goes no further than the gateway;
/// 4. user `before` interceptors: they see arguments already known to be clean and may veto or
///    rewrite; a rewrite is scanned again, so an interceptor cannot reintroduce a secret;
/// 5. credential injection: the server's own secrets were put into its sandbox's environment
///    when it started (remote servers get them as headers), never the caller's token;
/// 6. dispatch, with the server's time limit; cancelling the caller's task cancels the call on
///    the server;
/// 7. secret scan of the result (block or redact, by configuration): before user `after`
///    interceptors, so they never see a secret either;
/// 8. user `after` interceptors, whose rewrite is scanned again;
/// 9. audit and trace (front end): one record with tool, server, argument shape and hash,
///    decision, duration and result size, written before the answer leaves.
extension MCPGateway {
    /// Runs steps 3 to 8 for `tool`. Throws ``ToolRefusal`` for a refusal by a rule here, or
    /// ``RPCError`` when the server failed.
    ///
    /// Only what the settings say is read on the gateway's actor (one hop); the scans, the
    /// interceptors and the call itself run on the caller's task, so concurrent calls are not
    /// serialised on the gateway.
    public nonisolated func call(
        _ tool: ExposedTool, arguments: JSONValue?, meta: JSONValue?, caller: MCPCaller, context: CallContext
    ) async throws -> CallOutcome {
        guard let plan = await plan(for: tool.server) else {
            throw RPCError.invalidParams("Unknown tool: \(tool.exposedName)")
        }
        var arguments = arguments ?? [:]
        try refuseSecrets(in: arguments, step: "arguments")
        let steps = plan.interceptors
        let before = try await interceptorRunner.run(steps, .before, tool: tool, arguments: arguments, result: nil)
        if case .replaceArguments(let rewritten) = before {
            try refuseSecrets(in: rewritten, step: "arguments rewritten by an interceptor")
            arguments = rewritten
        }
        var result: JSONValue
        if case .replaceResult(let answer) = before {
            result = answer
        } else {
            var params: JSONValue = ["name": .string(tool.tool), "arguments": arguments]
            if let meta = Self.forwardable(meta) { params["_meta"] = meta }
            let sent = params
            let scanned = scanning(context)
            let timeout = plan.callTimeout
            do throws(RPCError) {
                result = try await plan.pool.withSession(exclusive: caller.answersServerRequests) {
                    session throws(RPCError) in
                    try await session.request("tools/call", params: sent, context: scanned, timeout: timeout)
                }
            } catch {
                throw redacted(error)
            }
        }
        var redacted: [String] = []
        (result, redacted) = try scanResult(result, step: "result", mode: plan.resultScan)
        let after = try await interceptorRunner.run(steps, .after, tool: tool, arguments: arguments, result: result)
        if case .replaceResult(let rewritten) = after {
            let (clean, more) = try scanResult(
                rewritten, step: "result rewritten by an interceptor", mode: plan.resultScan)
            result = clean
            redacted = Array(Set(redacted + more)).sorted()
        }
        return CallOutcome(result: result, resultBytes: result.encoded.count, redacted: redacted)
    }

    /// What a call to `server` needs from the settings in force, read in one hop.
    struct CallPlan: Sendable {
        let pool: ServerPool
        let interceptors: [InterceptorSpec]
        let callTimeout: Duration
        let resultScan: GatewaySettings.ResultScan
    }

    private func plan(for server: String) -> CallPlan? {
        guard let entry = settings.server(server) else { return nil }
        return CallPlan(
            pool: pool(for: entry), interceptors: settings.interceptors,
            callTimeout: settings.poolSettings(for: entry).callTimeout, resultScan: settings.resultScan)
    }

    /// The client's `_meta` as the server may see it: the protocol envelope of the client's own
    /// connection (`io.modelcontextprotocol/…`: its version, capabilities, identity) describes
    /// that hop, not the gateway's session with the server, and is left out.
    static func forwardable(_ meta: JSONValue?) -> JSONValue? {
        guard let members = meta?.objectValue else { return nil }
        let kept = members.filter { !$0.key.hasPrefix("io.modelcontextprotocol/") }
        return kept.isEmpty ? nil : .object(kept)
    }

    /// `context` with every side message scanned like a result: progress messages, log
    /// notifications and the server's own requests to the client get their secrets redacted,
    /// and so do the client's answers on their way to the server.
    private nonisolated func scanning(_ context: CallContext) -> CallContext {
        let scanner = secretScanner
        var scanned = CallContext(
            progress: { await context.progress(scanner.redacted($0).value) },
            notification: { await context.notification($0, $1.map { scanner.redacted($0).value }) })
        if let handler = context.serverRequest {
            scanned.serverRequest = Self.scanningAnswers(handler, scanner)
        }
        return scanned
    }

    private static func scanningAnswers(
        _ handler: @escaping @Sendable (String, JSONValue?) async throws(RPCError) -> JSONValue,
        _ scanner: SecretScanner
    ) -> @Sendable (String, JSONValue?) async throws(RPCError) -> JSONValue {
        { (method: String, params: JSONValue?) async throws(RPCError) -> JSONValue in
            var clean: JSONValue?
            if let params { clean = scanner.redacted(params).value }
            let reply = try await handler(method, clean)
            return scanner.redacted(reply).value
        }
    }

    /// A server's error as the client may see it: its message and data are scanned like a
    /// result, and secrets in them redacted.
    private nonisolated func redacted(_ error: RPCError) -> RPCError {
        RPCError(
            code: error.code, message: secretScanner.redact(error.message).text,
            data: error.data.map { secretScanner.redacted($0).value })
    }

    /// Throws ``ToolRefusal`` (rule `secret-scan`) when `value` holds what looks like a secret;
    /// `step` names what was scanned ("arguments", "resource URI"), `verb` agrees with it.
    nonisolated func refuseSecrets(in value: JSONValue, step: String, verb: String = "carry") throws {
        let found = secretScanner.findings(in: value)
        guard !found.isEmpty else { return }
        throw ToolRefusal(
            rule: "secret-scan",
            reason: "the \(step) \(verb) what looks like a secret (\(found.joined(separator: ", ")))",
            error: .secretBlocked(
                "Gatehouse blocked this call: its \(step) \(verb) what looks like a secret (\(found.joined(separator: ", ")))"
            ))
    }

    /// The result with secrets redacted, or a ``ToolRefusal`` when the configuration blocks
    /// results that carry one; also the rules whose matches were redacted.
    nonisolated func scanResult(_ result: JSONValue, step: String, mode: GatewaySettings.ResultScan) throws -> (
        JSONValue, [String]
    ) {
        switch mode {
        case .redact:
            let (clean, rules) = secretScanner.redacted(result)
            return (clean, rules)
        case .block:
            let found = secretScanner.findings(in: result)
            guard found.isEmpty else {
                throw ToolRefusal(
                    rule: "secret-scan",
                    reason: "the \(step) carried what looks like a secret (\(found.joined(separator: ", ")))",
                    error: .secretBlocked(
                        "Gatehouse withheld the tool's \(step): it carried what looks like a secret (\(found.joined(separator: ", ")))"
                    ))
            }
            return (result, [])
        }
    }
}
