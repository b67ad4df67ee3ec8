import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Synchronization

/// The stdio bridge of `gatehouse mcp connect`: an IDE writes JSON-RPC messages on our standard
/// input, one a line, and reads the server's on our standard output; in between is MCP's
/// streamable HTTP transport to `<server>/mcp/<profile>` with the CLI's token.
///
/// Each line is POSTed unchanged. Requests run concurrently (a long tool call does not hold up a
/// cancellation); notifications and responses go in order, each once the previous one was taken;
/// `initialize` is answered before the next line is read. Answers come back as JSON or as an SSE
/// stream (every message of it is relayed, progress and the server's own requests included); a
/// stream that ends before the answer is resumed with `Last-Event-ID`. After the client's
/// `notifications/initialized`, a GET stream carries what the server sends unasked. A request
/// that fails gets a JSON-RPC error with its id, so the client is never left waiting.
final class MCPBridge: Sendable {
    /// One message from the client: its bytes, and what they say.
    struct Outgoing: Sendable {
        /// The line as the client wrote it (sent unchanged).
        let body: [UInt8]
        /// What it holds.
        let envelope: RPCEnvelope
    }

    /// The client every request goes through.
    let http: HTTPClient
    /// `<server>/mcp/<profile>`.
    let endpoint: String
    /// The CLI's credential, sent as a bearer token and never printed.
    let token: String
    /// Where the server's messages go.
    let output: StandardOutputLines
    /// The server, as messages name it.
    let serverName: String
    /// How long calls in flight may take to finish once the client's input has ended.
    let grace: Duration

    /// The largest answer taken as JSON.
    static let answerLimit = 64 << 20
    /// The `Accept` of POSTs and the DELETE.
    static let accept = "application/json, text/event-stream"

    /// The session and the work under way.
    struct State {
        var sessionID: String?
        var protocolVersion: String?
        /// The client's `initialize`, replayed when the server lost the session.
        var initialize: Outgoing?
        /// Whether the client sent `notifications/initialized`.
        var initialized = false
        var listener: Task<Void, Never>?
        var inFlight: [UUID: Task<Void, Never>] = [:]
        var renewal: (expired: String, task: Task<Bool, Never>)?
        /// Whether a signal asked to stop.
        var stopped = false
    }
    /// The session and the work under way, shared by the tasks of the bridge.
    let state = Mutex(State())

    /// A bridge to `endpoint`; `serverName` is how messages name the server.
    init(
        http: HTTPClient, endpoint: String, token: String, serverName: String,
        output: StandardOutputLines = StandardOutputLines(), grace: Duration = .seconds(30)
    ) {
        self.http = http
        self.endpoint = endpoint
        self.token = token
        self.serverName = serverName
        self.output = output
        self.grace = grace
    }

    /// Relays the client's lines until they end, lets the calls in flight finish (for `grace`),
    /// ends the session with DELETE, and returns. A stop (a signal) cancels whatever is under
    /// way at once, even a request the next line waits for, and goes straight to the end.
    func run(lines: AsyncStream<[UInt8]>, stops: AsyncStream<Void>) async {
        let relay = Task {
            for await line in lines { await self.receive(line) }
        }
        let watcher = Task {
            for await _ in stops {
                state.withLock { $0.stopped = true }
                relay.cancel()
                for task in state.withLock({ Array($0.inFlight.values) }) { task.cancel() }
                return
            }
        }
        await relay.value
        await finish()
        watcher.cancel()
    }

    /// Handles one line of the client's.
    func receive(_ bytes: [UInt8]) async {
        guard let envelope = RPCEnvelope(Data(bytes)) else {
            let isJSON = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
            await output.write(
                isJSON
                    ? JSONText.errorResponse(id: nil, code: -32600, message: "Invalid Request: not a JSON-RPC message")
                    : JSONText.errorResponse(id: nil, code: -32700, message: "Parse error: the line is not JSON"))
            return
        }
        let message = Outgoing(body: bytes, envelope: envelope)
        if envelope.isInitialize {
            await startSession(message)
        } else if envelope.requestIDs.isEmpty {
            _ = await post(message)
            if envelope.methods.contains("notifications/initialized") {
                state.withLock { $0.initialized = true }
                startListening()
            }
        } else {
            let key = UUID()
            state.withLock { state in
                state.inFlight[key] = Task {
                    _ = await self.post(message)
                    _ = self.state.withLock { $0.inFlight.removeValue(forKey: key) }
                }
            }
        }
    }

    /// The client's `initialize`: a new session (a previous one is ended first).
    private func startSession(_ message: Outgoing) async {
        let previous = state.withLock { state -> (session: String?, version: String?) in
            let previous = (state.sessionID, state.protocolVersion)
            state.listener?.cancel()
            state.listener = nil
            state.sessionID = nil
            state.protocolVersion = nil
            state.initialized = false
            state.initialize = message
            return previous
        }
        if let session = previous.session { await endSession(session, version: previous.version) }
        _ = await post(message)
    }

    /// POSTs `message` and relays the answer (not when `silent`); true when every request in it
    /// was answered (or, for notifications and responses, when the server took them).
    @discardableResult
    func post(_ message: Outgoing, silent: Bool = false, renewing: Bool = true) async -> Bool {
        let initialize = message.envelope.isInitialize
        let (session, version) = state.withLock { initialize ? (nil, nil) : ($0.sessionID, $0.protocolVersion) }
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers = headers(accept: Self.accept, session: session, version: version)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: message.body))
        let response: HTTPClientResponse
        do {
            // The deadline covers the answer's head only: a stream may then last as long as the call.
            response = try await http.execute(request, timeout: .hours(1))
        } catch {
            if Task.isCancelled { return false }
            if !silent { await fail(message, "cannot reach \(serverName): \(MCPHTTP.describe(error))") }
            return false
        }
        if initialize, let id = response.headers.first(name: "Mcp-Session-Id") {
            if Self.isVisibleASCII(id) {
                state.withLock { $0.sessionID = id }
            } else {
                printError("gatehouse: ignored a malformed Mcp-Session-Id from the server")
            }
        }
        let status = response.status.code
        if status == 404, let session, renewing {
            // MCP: a 404 to a request naming a session means the server no longer has it; the
            // client starts a new one (here, for the IDE, which knows nothing of HTTP sessions).
            _ = try? await response.body.collect(upTo: 1 << 20)
            if await renew(expired: session) { return await post(message, silent: silent, renewing: false) }
            if !silent { await fail(message, "the server lost the MCP session and refused a new one") }
            return false
        }
        guard (200..<300).contains(status) else {
            if !silent { await refused(message, response) } else { _ = try? await response.body.collect(upTo: 1 << 20) }
            return false
        }
        let unanswered = await relay(message, response, silent: silent)
        if !unanswered.isEmpty, !silent, !Task.isCancelled {
            await fail(message, ids: unanswered, "the server's stream ended before it answered")
        }
        return unanswered.isEmpty
    }

    /// The headers of every request to the endpoint.
    func headers(accept: String, session: String?, version: String?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Accept", value: accept)
        headers.add(name: "User-Agent", value: "gatehouse-mcp-connect")
        if let session { headers.add(name: "Mcp-Session-Id", value: session) }
        if let version { headers.add(name: "MCP-Protocol-Version", value: version) }
        return headers
    }

    /// Answers every request in `message` (or those in `ids`) with an internal error; a
    /// notification's failure goes to standard error.
    func fail(_ message: Outgoing, ids: Set<RPCID>? = nil, _ text: String, code: Int = -32603) async {
        let requests = message.envelope.requestIDs.filter { ids?.contains($0) ?? true }
        if requests.isEmpty { printError("gatehouse: \(text)") }
        for id in requests { await output.write(JSONText.errorResponse(id: id, code: code, message: text)) }
    }

    /// An error status: the server's JSON-RPC error when the body is one, else its Gatehouse
    /// error message, else the status, answers each request in `message`.
    private func refused(_ message: Outgoing, _ response: HTTPClientResponse) async {
        let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data(buffer: $0) } ?? Data()
        let status = Int(response.status.code)
        var code = -32603
        var text: String
        if let error = RPCEnvelope(body)?.error {
            code = error.code
            text = error.message
        } else if let failure = try? JSONDecoder().decode(ServerClient.ErrorBody.self, from: body) {
            text = "\(failure.error.message) (\(status) \(failure.error.code))"
        } else {
            text = "the server answered \(status)"
        }
        if status == 401 { text += "; run gatehouse login, or set GATEHOUSE_TOKEN" }
        await fail(message, text, code: code)
    }

    /// Whether a header value from the server can be sent back as it is (MCP: session ids are
    /// visible ASCII).
    static func isVisibleASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 4096 && text.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }
}
