import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

extension MCPBridge {
    /// Starts a new session after the server lost `expired`; true when it worked. Calls that find
    /// the same session lost wait for the one renewal.
    func renew(expired: String) async -> Bool {
        let task = state.withLock { state -> Task<Bool, Never> in
            if let renewal = state.renewal, renewal.expired == expired { return renewal.task }
            guard state.sessionID == expired else { return Task { true } }
            let task = Task { await self.startOver() }
            state.renewal = (expired, task)
            return task
        }
        return await task.value
    }

    /// Replays the client's `initialize` (its answer is not relayed: the client has had one) and,
    /// when the client had sent it, `notifications/initialized`, then reopens the GET stream.
    private func startOver() async -> Bool {
        let (initialize, initialized) = state.withLock { state -> (Outgoing?, Bool) in
            state.listener?.cancel()
            state.listener = nil
            state.sessionID = nil
            state.protocolVersion = nil
            return (state.initialize, state.initialized)
        }
        guard let initialize else { return false }
        printError("gatehouse: the server no longer has the MCP session; starting a new one")
        guard await post(initialize, silent: true, renewing: false) else { return false }
        if initialized {
            let body = Array(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8)
            guard let envelope = RPCEnvelope(Data(body)),
                await post(Outgoing(body: body, envelope: envelope), silent: true, renewing: false)
            else { return false }
            startListening()
        }
        return true
    }

    /// The end: waits for the calls in flight (at most `grace`; a stop cancels them), stops the
    /// GET stream, and ends the session.
    func finish() async {
        let (tasks, stopped) = state.withLock { (Array($0.inFlight.values), $0.stopped) }
        if !stopped, !tasks.isEmpty {
            let grace = self.grace
            await withTaskGroup(of: Void.self) { group in
                group.addTask { for task in tasks { await task.value } }
                group.addTask { try? await Task.sleep(for: grace) }
                await group.next()
                for task in tasks { task.cancel() }
                group.cancelAll()
            }
        }
        for task in tasks { task.cancel() }
        let (listener, session, version) = state.withLock { state in
            defer { state.listener = nil }
            return (state.listener, state.sessionID, state.protocolVersion)
        }
        listener?.cancel()
        await listener?.value
        if let session { await endSession(session, version: version) }
    }

    /// DELETE: tells the server the session is over (a 405, a server keeping sessions to
    /// itself, is fine).
    func endSession(_ session: String, version: String?) async {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .DELETE
        request.headers = headers(accept: Self.accept, session: session, version: version)
        if let response = try? await http.execute(request, timeout: .seconds(5)) {
            _ = try? await response.body.collect(upTo: 1 << 20)
        }
    }
}
