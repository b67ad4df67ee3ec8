import Foundation
import GatehouseTestSupport
import Synchronization
import Testing

/// `gatehouse mcp connect`, the stdio bridge, run as an IDE runs it, against a stand-in speaking
/// MCP's streamable HTTP: what it sends (headers, session, protocol version, bodies unchanged),
/// what it relays (JSON answers, SSE streams split at every byte, the GET stream, resumed
/// streams), the errors it makes up so no request is left unanswered, and the end of a session.
@Suite struct MCPConnectTests {
    static let token = "gth_mcp-bridge-test-token-0123456789"
    static let version = "2025-11-25"

    /// The answer to `initialize`, pretty-printed (the bridge must relay it on one line).
    static let initializeAnswer = """
        {
          "jsonrpc": "2.0",
          "id": 1,
          "result": {
            "protocolVersion": "\(version)",
            "capabilities": {"tools": {"listChanged": true}},
            "serverInfo": {"name": "gatehouse", "version": "test"}
          }
        }
        """

    /// A tool call's stream: a comment, a priming event (an id, empty data), the server's
    /// `retry`, a progress notification in two `data:` lines (CRLF between them: a reader taking
    /// CR and LF for two line ends would cut it in two), a request of the server's, then the
    /// answer; LF and CR line endings too, and a two-byte character.
    static let splitStream =
        ": the call has started\r\n"
        + "id: s1-0\r\nretry: 50\r\ndata:\r\n\r\n"
        + "event: message\r\nid: s1-1\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\r\n"
        + "data: \"params\":{\"progressToken\":\"t\",\"progress\":1}}\r\n\r\n"
        + "id: s1-2\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"gh-1\",\"method\":\"roots/list\"}\n\n"
        + "id: s1-3\rdata: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"two\\nlines \u{e9}\"}]}}\r\r"

    /// What the stand-in answers, by method.
    static func answer(_ request: MCPStubServer.Request, listens: Locked<Int>) -> MCPStubServer.Answer {
        switch request.method {
        case "POST":
            let message = request.object ?? [:]
            switch message["method"] as? String {
            case "initialize": return .json(initializeAnswer, headers: ["Mcp-Session-Id": "sess-1"])
            case "tools/call":
                let name = (message["params"] as? [String: Any])?["name"] as? String
                // A stream the server closes after priming, before the answer (MCP 2025-11-25):
                // the client resumes it with GET.
                if name == "dropped" { return .events("id: p-0\nretry: 50\ndata:\n\n") }
                return .events(splitStream, bytewise: true)
            case "tools/list":
                return .json(
                    #"{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"upstream exploded"}}"#, status: 500)
            case "ping": return .full(503, ["Content-Type": "text/plain"], Data("busy".utf8))
            default: return .full(202, [:], Data())
            }
        case "GET":
            if request.headers["last-event-id"] == "p-0" {
                return .events("id: p-1\ndata: {\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":[]}}\n\n")
            }
            let number = listens.withLock { count in
                count += 1
                return count
            }
            if number == 1 {
                return .events(
                    "retry: 50\nid: L-1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"
                )
            }
            return .full(405, [:], Data())
        case "DELETE": return .full(204, [:], Data())
        default: return .full(400, [:], Data())
        }
    }

    @Test func bridgesRequestsStreamsAndTheSession() async throws {
        let listens = Locked(0)
        let stub = try MCPStubServer { Self.answer($0, listens: listens) }
        defer { stub.close() }
        let bridge = try BridgeProcess(stub: stub, token: Self.token)

        let initialize =
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#
        bridge.send(initialize)
        let first = try #require(await bridge.line { $0.contains("serverInfo") })
        #expect(try Self.same(first, Self.initializeAnswer))

        let sent = [
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"split","arguments":{}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":"four","method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"dropped"}}"#,
            "this is not JSON",
        ]
        for line in sent { bridge.send(line) }
        // The server's request (roots/list) arrives in the tool call's stream; the IDE answers it.
        _ = try #require(await bridge.line { $0.contains("roots/list") })
        let answer = #"{"jsonrpc":"2.0","id":"gh-1","result":{"roots":[]}}"#
        bridge.send(answer)

        let progress = try #require(await bridge.line { $0.contains("notifications/progress") })
        #expect(
            try Self.same(
                progress,
                #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1}}"#))
        let result = try #require(await bridge.line { $0.contains(#""id":2"#) })
        let text = try #require(
            ((Self.object(result)["result"] as? [String: Any])?["content"] as? [[String: Any]])?.first?["text"])
        #expect(text as? String == "two\nlines \u{e9}")
        let upstream = try #require(await bridge.line { $0.contains(#""id":3"#) })
        #expect(
            try Self.same(upstream, #"{"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"upstream exploded"}}"#))
        let busy = try #require(await bridge.line { $0.contains(#""id":"four""#) })
        #expect(
            try Self.same(
                busy, #"{"jsonrpc":"2.0","id":"four","error":{"code":-32603,"message":"the server answered 503"}}"#))
        let resumed = try #require(await bridge.line { $0.contains(#""id":5"#) })
        #expect(try Self.same(resumed, #"{"jsonrpc":"2.0","id":5,"result":{"content":[]}}"#))
        let parseError = try #require(await bridge.line { $0.contains("-32700") })
        #expect(
            try Self.same(
                parseError,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: the line is not JSON"}}"#))
        _ = try #require(await bridge.line { $0.contains("notifications/tools/list_changed") })
        // The GET stream ended; the bridge came back with Last-Event-ID and stopped at the 405.
        #expect(await eventually { listens.withLock { $0 } == 2 })

        bridge.closeInput()
        #expect(await bridge.waitForExit() == 0)
        #expect(bridge.output.count == 9, "\(bridge.output)")
        #expect(bridge.output.allSatisfy { (try? Self.object($0)) != nil })
        #expect(!(bridge.output.joined() + bridge.errors).contains(Self.token))

        let requests = stub.requests
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.token)" })
        let posts = requests.filter { $0.method == "POST" }
        // Every line went as it was written: no byte changed.
        #expect(
            Set(posts.map { String(decoding: $0.body, as: UTF8.self) }) == Set([initialize, answer] + sent.dropLast()))
        #expect(posts.allSatisfy { $0.headers["content-type"] == "application/json" })
        #expect(posts.allSatisfy { $0.headers["accept"] == "application/json, text/event-stream" })
        let opening = try #require(posts.first)
        #expect(opening.headers["mcp-session-id"] == nil && opening.headers["mcp-protocol-version"] == nil)
        for request in requests.dropFirst() {
            #expect(request.headers["mcp-session-id"] == "sess-1", "\(request.method) \(request.body)")
            #expect(request.headers["mcp-protocol-version"] == Self.version)
        }
        let gets = requests.filter { $0.method == "GET" }
        #expect(gets.allSatisfy { $0.headers["accept"] == "text/event-stream" })
        #expect(Set(gets.map { $0.headers["last-event-id"] ?? "" }) == ["", "L-1", "p-0"])
        #expect(requests.last?.method == "DELETE")
    }

    @Test func startsANewSessionWhenTheServerLostIt() async throws {
        let sessions = Locked(0)
        let stub = try MCPStubServer { request in
            let message = request.object ?? [:]
            switch (request.method, message["method"] as? String) {
            case ("POST", "initialize"):
                let number = sessions.withLock { count in
                    count += 1
                    return count
                }
                return .json(
                    #"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"s\#(number)","version":"1"}}}"#,
                    headers: ["Mcp-Session-Id": "sess-\(number)"])
            case ("POST", "tools/call") where request.headers["mcp-session-id"] == "sess-1":
                return .json(
                    #"{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Session not found"}}"#, status: 404)
            case ("POST", "tools/call"):
                return .json(#"{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"ok"}]}}"#)
            case ("GET", _): return .full(405, [:], Data())
            case ("DELETE", _): return .full(204, [:], Data())
            default: return .full(202, [:], Data())
            }
        }
        defer { stub.close() }
        let bridge = try BridgeProcess(stub: stub, token: Self.token)
        bridge.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#)
        _ = try #require(await bridge.line { $0.contains("serverInfo") })
        bridge.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        bridge.send(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"x"}}"#)
        let result = try #require(await bridge.line { $0.contains(#""id":7"#) })
        #expect(result.contains(#""text":"ok""#))
        bridge.closeInput()
        #expect(await bridge.waitForExit() == 0)
        // The client saw one initialize answer, and the call's answer.
        #expect(bridge.output.count == 2, "\(bridge.output)")
        #expect(bridge.errors.contains("starting a new one"))
        let posts = stub.requests.filter { $0.method == "POST" }.map {
            "\($0.object?["method"] as? String ?? "?") \($0.headers["mcp-session-id"] ?? "-")"
        }
        #expect(
            posts == [
                "initialize -", "notifications/initialized sess-1", "tools/call sess-1", "initialize -",
                "notifications/initialized sess-2", "tools/call sess-2",
            ])
        #expect(stub.requests.last.map { "\($0.method) \($0.headers["mcp-session-id"] ?? "-")" } == "DELETE sess-2")
    }

    @Test func theEndOfInputLetsCallsInFlightFinish() async throws {
        let stub = try MCPStubServer { request in
            switch (request.method, request.object?["method"] as? String) {
            case ("POST", "initialize"):
                return .json(
                    #"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{}}}"#,
                    headers: ["Mcp-Session-Id": "sess-3"])
            case ("POST", "tools/call"):
                Thread.sleep(forTimeInterval: 0.5)
                return .events("data: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[]}}\n\n")
            case ("DELETE", _): return .full(204, [:], Data())
            default: return .full(405, [:], Data())
            }
        }
        defer { stub.close() }
        let bridge = try BridgeProcess(stub: stub, token: Self.token)
        bridge.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
        _ = try #require(await bridge.line { $0.contains(#""id":1"#) })
        bridge.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow"}}"#)
        bridge.closeInput()
        #expect(await bridge.waitForExit() == 0)
        #expect(bridge.output.last == #"{"jsonrpc":"2.0","id":2,"result":{"content":[]}}"#, "\(bridge.output)")
        let methods = stub.requests.map { $0.object?["method"] as? String ?? $0.method }
        #expect(methods == ["initialize", "tools/call", "DELETE"])
    }

    @Test func aSignalStopsAtOnceAndEndsTheSession() async throws {
        let released = Locked(false)
        let stub = try MCPStubServer { request in
            switch (request.method, request.object?["method"] as? String) {
            case ("POST", "initialize"):
                return .json(
                    #"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{}}}"#,
                    headers: ["Mcp-Session-Id": "sess-9"])
            case ("POST", "tools/call"):
                // A call that does not end while the test runs.
                for _ in 0..<500 where !released.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.02) }
                return .full(500, [:], Data())
            case ("DELETE", _): return .full(204, [:], Data())
            default: return .full(405, [:], Data())
            }
        }
        defer {
            released.withLock { $0 = true }
            stub.close()
        }
        let bridge = try BridgeProcess(stub: stub, token: Self.token)
        bridge.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
        _ = try #require(await bridge.line { $0.contains(#""id":1"#) })
        bridge.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow"}}"#)
        #expect(await eventually { stub.requests.contains { $0.object?["method"] as? String == "tools/call" } })
        let start = Date()
        kill(bridge.process.processIdentifier, SIGTERM)
        #expect(await bridge.waitForExit() == 0)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(stub.requests.last.map { "\($0.method) \($0.headers["mcp-session-id"] ?? "-")" } == "DELETE sess-9")
    }

    @Test func failsRequestsWhenTheServerCannotBeReached() async throws {
        let (port, release) = try MCPStubServer.refusingPort()
        defer { release() }
        let bridge = try BridgeProcess(server: "http://127.0.0.1:\(port)", token: Self.token)
        bridge.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
        let line = try #require(await bridge.line { $0.contains("-32603") })
        #expect(line.hasPrefix(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"cannot reach"#), "\(line)")
        bridge.closeInput()
        #expect(await bridge.waitForExit() == 0)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Whether two JSON texts hold the same value.
    static func same(_ left: String, _ right: String) throws -> Bool {
        let canonical = { (text: String) throws -> Data in
            try JSONSerialization.data(
                withJSONObject: JSONSerialization.jsonObject(with: Data(text.utf8)), options: [.sortedKeys])
        }
        return try canonical(left) == canonical(right)
    }
}

/// A value behind a lock, shareable (a `Mutex` itself cannot be copied into closures).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<T>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}

/// Polls `condition` for up to `seconds`.
func eventually(_ seconds: Double = 20, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// `gatehouse mcp connect` as an IDE runs it: lines to its standard input, its standard output
/// collected line by line, its standard error kept.
final class BridgeProcess: Sendable {
    let process: Process
    private let input: FileHandle
    private let lines = Mutex<[String]>([])
    private let stderrText = Mutex("")
    private let done = Mutex(0)

    convenience init(stub: MCPStubServer, token: String) throws {
        try self.init(server: stub.url, token: token)
    }

    init(server: String, token: String) throws {
        let directory = try CLI.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["mcp", "connect", "--server", server, "--profile", "dev"]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GATEHOUSE_TOKEN": token, "GATEHOUSE_SERVER": "", "XDG_CONFIG_HOME": directory,
        ]) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        self.process = process
        input = stdin.fileHandleForWriting
        try ProcessLaunch.run(process)
        Thread.detachNewThread { [self] in
            var pending = Data()
            while case let chunk = stdout.fileHandleForReading.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    self.lines.withLock { $0.append(line) }
                }
            }
            self.done.withLock { $0 += 1 }
        }
        Thread.detachNewThread { [self] in
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            self.stderrText.withLock { $0 = String(decoding: data, as: UTF8.self) }
            self.done.withLock { $0 += 1 }
        }
    }

    /// The lines written so far.
    var output: [String] { lines.withLock { $0 } }
    /// Standard error, once the process has ended.
    var errors: String { stderrText.withLock { $0 } }

    func send(_ line: String) {
        input.write(Data((line + "\n").utf8))
    }

    /// The first line written matching `predicate`, waiting up to 20 seconds for it.
    func line(_ predicate: @escaping (String) -> Bool) async -> String? {
        var found: String?
        _ = await eventually { () -> Bool in
            found = output.first(where: predicate)
            return found != nil
        }
        return found
    }

    func closeInput() { try? input.close() }

    func waitForExit() async -> Int32 {
        let exited = await eventually(30) { !process.isRunning && done.withLock { $0 } == 2 }
        if !exited { process.terminate() }
        return exited ? process.terminationStatus : -1
    }

    deinit { if process.isRunning { process.terminate() } }
}
