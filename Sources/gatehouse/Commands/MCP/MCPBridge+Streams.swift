import AsyncHTTPClient
import Foundation
import GatehouseMCP
import NIOCore
import NIOHTTP1
import Synchronization

extension MCPBridge {
    /// Relays an answer of status 2xx: a JSON body as one line, or every event of an SSE
    /// stream; returns the requests of `message` it did not answer.
    func relay(_ message: Outgoing, _ response: HTTPClientResponse, silent: Bool) async -> Set<RPCID> {
        var pending = Set(message.envelope.requestIDs)
        let type = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if type.hasPrefix("text/event-stream") {
            var parser = SSEParser()
            do {
                // MCP: the server closes the stream after the answer; one that does not, is left.
                stream: for try await chunk in response.body {
                    for event in try parser.feed(chunk.readableBytesView) {
                        await deliver(Array(event.data.utf8), for: message, &pending, silent: silent)
                        if pending.isEmpty, !message.envelope.requestIDs.isEmpty { break stream }
                    }
                }
            } catch {
                if Task.isCancelled { return pending }
            }
            if !pending.isEmpty, let last = parser.lastEventID {
                pending = await resume(message, pending, after: last, retry: parser.retry, silent: silent)
            }
        } else if type.hasPrefix("application/json") {
            if let body = try? await response.body.collect(upTo: Self.answerLimit) {
                await deliver(Array(body.readableBytesView), for: message, &pending, silent: silent)
            }
        } else {
            // 202 for notifications and responses; nothing to relay.
            _ = try? await response.body.collect(upTo: 1 << 20)
        }
        return pending
    }

    /// Writes one message of the server's as a line (unless `silent`), and notes what it answers.
    func deliver(_ data: [UInt8], for message: Outgoing?, _ pending: inout Set<RPCID>, silent: Bool) async {
        let line = JSONText.oneLine(data)
        guard !line.isEmpty else { return }
        if let envelope = RPCEnvelope(Data(line)) {
            let answered = pending.intersection(envelope.responseIDs)
            pending.subtract(answered)
            if message?.envelope.isInitialize == true, !answered.isEmpty, let version = envelope.protocolVersion,
                Self.isVisibleASCII(version)
            {
                state.withLock { $0.protocolVersion = version }
            }
        }
        if !silent { await output.write(line) }
    }

    /// A GET of the endpoint's event stream, resuming after `lastEventID` when there is one.
    func streamRequest(lastEventID: String?) -> HTTPClientRequest {
        let (session, version) = state.withLock { ($0.sessionID, $0.protocolVersion) }
        var request = HTTPClientRequest(url: endpoint)
        request.method = .GET
        request.headers = headers(accept: "text/event-stream", session: session, version: version)
        if let lastEventID, Self.isVisibleASCII(lastEventID) {
            request.headers.add(name: "Last-Event-ID", value: lastEventID)
        }
        return request
    }

    /// A POST's stream ended before its answer: resumes it with GET and `Last-Event-ID` (the
    /// server replays what followed), after the server's `retry` time, until the answer comes;
    /// gives up after five attempts in a row that bring nothing. Returns what is still unanswered.
    private func resume(
        _ message: Outgoing, _ pending: Set<RPCID>, after lastEventID: String, retry: Int?, silent: Bool
    ) async -> Set<RPCID> {
        var pending = pending
        var lastEventID = lastEventID
        var retry = retry
        var attempts = 0
        while !pending.isEmpty, attempts < 5, !Task.isCancelled {
            attempts += 1
            try? await Task.sleep(for: .milliseconds(min(retry ?? 1000, 30_000)))
            guard let response = try? await http.execute(streamRequest(lastEventID: lastEventID), timeout: .seconds(30))
            else { continue }
            let status = response.status.code
            guard status == 200, Self.isEventStream(response) else {
                _ = try? await response.body.collect(upTo: 1 << 20)
                if (400..<500).contains(status), status != 408, status != 429 { break }
                continue
            }
            var parser = SSEParser()
            do {
                stream: for try await chunk in response.body {
                    for event in try parser.feed(chunk.readableBytesView) {
                        attempts = 0
                        await deliver(Array(event.data.utf8), for: message, &pending, silent: silent)
                        if pending.isEmpty { break stream }
                    }
                }
            } catch {
                if Task.isCancelled { break }
            }
            lastEventID = parser.lastEventID ?? lastEventID
            retry = parser.retry ?? retry
        }
        return pending
    }

    /// Opens the GET stream once, for what the server sends unasked.
    func startListening() {
        state.withLock { state in
            guard state.listener == nil else { return }
            state.listener = Task { await self.listen() }
        }
    }

    /// The GET stream: relays its messages; reconnects with `Last-Event-ID` when it ends or
    /// fails, after the server's `retry` time, doubled on each failure in a row (at most 30 s);
    /// stops on 404 (no such session) or 405 (the server offers no stream), and on other
    /// refusals.
    private func listen() async {
        var lastEventID: String?
        var retry: Int?
        var failures = 0
        var nothing = Set<RPCID>()
        while !Task.isCancelled {
            do {
                let response = try await http.execute(streamRequest(lastEventID: lastEventID), timeout: .seconds(30))
                let status = Int(response.status.code)
                if status == 200, Self.isEventStream(response) {
                    var parser = SSEParser()
                    var received = false
                    do {
                        for try await chunk in response.body {
                            received = true
                            for event in try parser.feed(chunk.readableBytesView) {
                                await deliver(Array(event.data.utf8), for: nil, &nothing, silent: false)
                            }
                        }
                    } catch {
                        if Task.isCancelled { return }
                    }
                    lastEventID = parser.lastEventID ?? lastEventID
                    retry = parser.retry ?? retry
                    failures = received ? 0 : failures + 1
                } else {
                    _ = try? await response.body.collect(upTo: 1 << 20)
                    switch status {
                    case 404, 405: return
                    case 408, 429, 500...: failures += 1
                    default:
                        printError("gatehouse: the server refused its event stream (\(status)); only answers arrive")
                        return
                    }
                }
            } catch {
                if Task.isCancelled { return }
                failures += 1
            }
            let delay = min(Double(retry ?? 1000) * pow(2, Double(min(failures, 10))), 30_000)
            try? await Task.sleep(for: .milliseconds(Int(delay)))
        }
    }

    /// Whether an answer is an SSE stream.
    static func isEventStream(_ response: HTTPClientResponse) -> Bool {
        response.headers.first(name: "Content-Type")?.lowercased().hasPrefix("text/event-stream") ?? false
    }
}
