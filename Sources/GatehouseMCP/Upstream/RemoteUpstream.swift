public import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOHTTP1
import Synchronization

/// A remote tool server, reached over streamable HTTP (2025-11-25): each message is a POST,
/// answered with JSON, an SSE stream or 202; the session id and protocol version the server
/// gives are sent on every later request; the server's own messages come on a GET stream. The
/// headers are the catalog entry's, with its secrets filled in by Gatehouse; the client's token
/// never goes here.
public final class RemoteUpstream: UpstreamTransport {
    let url: String
    let headers: [String: String]
    let http: HTTPClient
    public let incoming: AsyncStream<RPCMessage>
    private let continuation: AsyncStream<RPCMessage>.Continuation
    private let state = Mutex(State())

    private struct State {
        var session: String?
        var version: String?
        var ended: String?
        var tasks: [UUID: Task<Void, Never>] = [:]
    }

    /// The most one response may weigh.
    static let responseLimit = 16 << 20

    /// Connects to `url` (nothing is sent until the first message).
    public init(url: String, headers: [String: String], http: HTTPClient) {
        self.url = url
        self.headers = headers
        self.http = http
        (incoming, continuation) = AsyncStream.makeStream(of: RPCMessage.self)
    }

    public func send(_ message: RPCMessage) async throws {
        if state.withLock({ $0.ended != nil }) { throw RPCError.internalError("the remote server's session ended") }
        let request = makeRequest(method: .POST, body: message.encoded)
        // Answers can stream for as long as the call runs: each is read on its own task.
        track { [self] in
            do {
                let response = try await http.execute(request, timeout: .seconds(3600))
                try await receive(response, for: message)
            } catch {
                fail(message, "the remote server could not be reached: \(Self.describe(error))")
            }
        }
        if case .notification("notifications/initialized", _) = message { track { [self] in await listen() } }
    }

    private func makeRequest(method: HTTPMethod, body: Data? = nil, lastEventID: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.headers.replaceOrAdd(
            name: "Accept", value: method == .GET ? "text/event-stream" : "application/json, text/event-stream")
        let (session, version) = state.withLock { ($0.session, $0.version) }
        if let session { request.headers.replaceOrAdd(name: "Mcp-Session-Id", value: session) }
        if let version { request.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: version) }
        if let lastEventID { request.headers.replaceOrAdd(name: "Last-Event-ID", value: lastEventID) }
        if let traceparent = OutgoingTrace.traceparent {
            request.headers.replaceOrAdd(name: "traceparent", value: traceparent)
        }
        if let body {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    private func receive(_ response: HTTPClientResponse, for message: RPCMessage) async throws {
        if case .request(_, "initialize", _) = message, let session = response.headers.first(name: "Mcp-Session-Id") {
            state.withLock { $0.session = session }
        }
        switch response.status.code {
        case 202:
            return
        case 200:
            let type = response.headers.first(name: "Content-Type") ?? ""
            if type.hasPrefix("text/event-stream") {
                _ = try await readEvents(response.body)
            } else {
                let body = try await response.body.collect(upTo: Self.responseLimit)
                deliver(Data(body.readableBytesView))
            }
        case 404 where state.withLock({ $0.session != nil }):
            end("the remote server ended the session")
            fail(message, "the remote server ended the session")
            continuation.finish()
        default:
            let body = try? await response.body.collect(upTo: 64 << 10)
            if let body, let error = try? RPCMessage.decode(Data(body.readableBytesView)),
                case .error(_, let rpc) = error
            {
                fail(message, rpc)
            } else {
                fail(message, "the remote server answered HTTP \(response.status.code)")
            }
        }
    }

    /// Delivers the events of an SSE body; returns the last event id.
    private func readEvents(_ body: HTTPClientResponse.Body) async throws -> String? {
        var parser = SSEParser(limit: Self.responseLimit)
        for try await chunk in body {
            for event in try parser.feed(chunk.readableBytesView) where event.type == "message" {
                deliver(Data(event.data.utf8))
            }
        }
        return parser.lastEventID
    }

    private func deliver(_ data: Data) {
        guard let message = try? RPCMessage.decode(data) else { return }
        if case .result(_, let result) = message, let version = result["protocolVersion"]?.stringValue,
            result["serverInfo"] != nil
        {
            state.withLock { $0.version = version }
        }
        continuation.yield(message)
    }

    /// The GET stream of the server's own messages, resumed after a drop (at most 5 times in a
    /// row); a server without one (405) is fine.
    private func listen() async {
        var lastEventID: String?
        var failures = 0
        while !Task.isCancelled, failures < 5, state.withLock({ $0.ended == nil }) {
            do {
                let response = try await http.execute(
                    makeRequest(method: .GET, lastEventID: lastEventID), timeout: .seconds(24 * 3600))
                guard response.status == .ok else { return }
                lastEventID = try await readEvents(response.body) ?? lastEventID
                failures = 0
                // The server closed the stream: reconnect, but not in a tight loop.
                try await Task.sleep(for: .seconds(1))
            } catch {
                failures += 1
                try? await Task.sleep(for: .milliseconds(200 << failures))
            }
        }
    }

    private func fail(_ message: RPCMessage, _ reason: String) {
        fail(message, RPCError.internalError(reason))
    }

    private func fail(_ message: RPCMessage, _ error: RPCError) {
        if case .request(let id, _, _) = message { continuation.yield(.error(id: id, error: error)) }
    }

    private func end(_ reason: String) {
        state.withLock { $0.ended = $0.ended ?? reason }
    }

    private func track(_ body: @escaping @Sendable () async -> Void) {
        let key = UUID()
        let task = Task { [weak self] in
            await body()
            _ = self?.state.withLock { $0.tasks.removeValue(forKey: key) }
        }
        state.withLock { $0.tasks[key] = task }
    }

    /// Ends the session (DELETE) and stops reading.
    public func close() async {
        if state.withLock({ $0.session != nil && $0.ended == nil }) {
            _ = try? await http.execute(makeRequest(method: .DELETE), timeout: .seconds(5))
        }
        end("closed")
        let tasks = state.withLock { state in
            defer { state.tasks = [:] }
            return Array(state.tasks.values)
        }
        for task in tasks { task.cancel() }
        continuation.finish()
    }

    public var endReason: String? {
        get async { state.withLock { $0.ended } }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: type(of: error))
    }
}
