import Foundation
import GatehouseTestSupport
import Synchronization
import Testing

/// `gatehouse mcp servers`, `tools`, `call` and `catalog import` against a stand-in for the
/// server's `/api/v1/mcp/…` API (the requests they make, and what they print of the answers),
/// and the checks they make before sending anything.
@Suite struct MCPCommandTests {
    static let token = "gth_mcp-cli-test-token-0123456789"

    /// Runs `gatehouse ARGUMENTS --server STUB` with a token and no stored credentials.
    static func run(_ arguments: [String], _ stub: MCPStubServer) throws -> CLI.Result {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try CLI.run(
            arguments + ["--server", stub.url],
            environment: ["GATEHOUSE_TOKEN": token, "GATEHOUSE_SERVER": "", "XDG_CONFIG_HOME": directory])
    }

    @Test func serversPrintsATableOrTheJSON() throws {
        let body = #"""
            {"servers":[{"name":"time","kind":"command","title":"Time","description":"Current time\nand zones","sessions":1,"calls":4,"started":3},
            {"name":"remote-docs","kind":"remote","sessions":0,"calls":0,"started":0}]}
            """#
        let stub = try MCPStubServer { _ in .json(body) }
        defer { stub.close() }
        let table = try Self.run(["mcp", "servers"], stub)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout
                == "NAME\tKIND\tSESSIONS\tCALLS\tDESCRIPTION\ntime\tcommand\t1\t4\tCurrent time\nremote-docs\tremote\t0\t0\t\n"
        )
        let request = try #require(stub.requests.first)
        #expect(request.method == "GET" && request.target == "/api/v1/mcp/servers")
        #expect(request.headers["authorization"] == "Bearer \(Self.token)")

        let json = try Self.run(["mcp", "servers", "--json"], stub)
        #expect(json.status == 0)
        #expect(json.stdout == body + "\n")
    }

    @Test func toolsAsksForTheProfileAndWarnsOfUnavailableServers() throws {
        let stub = try MCPStubServer { _ in
            .json(
                #"{"profile":"dev","tools":[{"name":"time__get_current_time","server":"time","tool":"get_current_time","description":"Get the time.\nIn a zone."}],"unavailable":{"git":"the image is not allowed"}}"#
            )
        }
        defer { stub.close() }
        let result = try Self.run(["mcp", "tools", "--profile", "dev"], stub)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "NAME\tDESCRIPTION\ntime__get_current_time\tGet the time.\n")
        #expect(result.stderr == "gatehouse: warning: server git is unavailable: the image is not allowed\n")
        #expect(stub.requests.first?.target == "/api/v1/mcp/tools?profile=dev")

        let refused = try Self.run(["mcp", "tools", "--profile", "Dev/../x"], stub)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--profile must be"))
        #expect(stub.requests.count == 1)
    }

    @Test func callSendsTheArgumentsAsWrittenAndPrintsTheText() throws {
        let stub = try MCPStubServer { _ in
            .json(
                #"{"result":{"content":[{"type":"text","text":"2026-05-01T12:00:00Z"},{"type":"image","data":"AA==","mimeType":"image/png"}],"isError":false}}"#
            )
        }
        defer { stub.close() }
        let arguments = #"{"timezone": "UTC", "big": 12345678901234567890123}"#
        let result = try Self.run(
            ["mcp", "call", "time", "get_current_time", "--args", arguments, "--profile", "dev"], stub)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2026-05-01T12:00:00Z\n[image image/png]\n")
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST" && request.target == "/api/v1/mcp/call")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(body["server"] as? String == "time")
        #expect(body["tool"] as? String == "get_current_time")
        #expect(body["profile"] as? String == "dev")
        #expect(Set(body.keys) == ["server", "tool", "profile", "arguments"])
        // The arguments go as they were written: every digit of a number kept.
        #expect(String(decoding: request.body, as: UTF8.self).hasSuffix(#""arguments":\#(arguments)}"#))
    }

    @Test func aToolErrorGoesToStandardErrorAndExitsOne() throws {
        let stub = try MCPStubServer { _ in
            .json(#"{"result":{"content":[{"type":"text","text":"unknown timezone Mars/Olympus"}],"isError":true}}"#)
        }
        defer { stub.close() }
        let result = try Self.run(["mcp", "call", "time", "get_current_time"], stub)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "unknown timezone Mars/Olympus\n")
        let body = try #require(stub.requests.first?.body)
        #expect(String(decoding: body, as: UTF8.self).hasSuffix(#""profile":"default","arguments":{}}"#))

        let json = try Self.run(["mcp", "call", "time", "get_current_time", "--json"], stub)
        #expect(json.status == 1)
        #expect(json.stdout.hasPrefix(#"{"result":{"content""#))
    }

    @Test func aServerErrorIsItsMessage() throws {
        let stub = try MCPStubServer { _ in
            .json(#"{"error":{"code":"forbidden","message":"no rule allows mcp.call time"}}"#, status: 403)
        }
        defer { stub.close() }
        let result = try Self.run(["mcp", "call", "time", "get_current_time"], stub)
        #expect(result.status == 1)
        #expect(result.stderr == "gatehouse: no rule allows mcp.call time (403 forbidden)\n")
        #expect(result.stdout == "")

        let plain = try MCPStubServer { _ in .full(502, ["Content-Type": "text/plain"], Data("bad gateway".utf8)) }
        defer { plain.close() }
        let bare = try Self.run(["mcp", "servers"], plain)
        #expect(bare.status == 1)
        #expect(bare.stderr == "gatehouse: the server answered 502\n")
    }

    @Test(arguments: [
        (#"[1, 2]"#, "--args must be a JSON object, like '{\"timezone\": \"UTC\"}', not an array"),
        (#""UTC""#, "--args must be a JSON object, like '{\"timezone\": \"UTC\"}', not a string"),
        ("null", "not null"),
        (#"{"timezone": "#, "--args is not valid JSON: Unexpected end of file"),
        ("{timezone: 1}", "--args is not valid JSON: Invalid value around character 1"),
        ("", "--args is not valid JSON"),
    ])
    func callArgumentsMustBeAJSONObject(arguments: String, message: String) throws {
        let stub = try MCPStubServer { _ in .json(#"{"result":{"content":[]}}"#) }
        defer { stub.close() }
        let result = try Self.run(["mcp", "call", "time", "get_current_time", "--args", arguments], stub)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(stub.requests.isEmpty)
    }

    @Test func catalogImportSendsTheFileUnderItsName() throws {
        let stub = try MCPStubServer { _ in
            .json(
                #"{"name":"docker-mcp","servers":2,"skipped":{"fetch":"needs a secret the catalog does not name"},"warnings":["server time: unknown key x"]}"#
            )
        }
        defer { stub.close() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let yaml = "registry:\n  time:\n    title: Time\n    image: mcp/time\n    description: \"é\"\n"
        try yaml.write(toFile: directory + "/Docker MCP.yaml", atomically: true, encoding: .utf8)
        let result = try Self.run(["mcp", "catalog", "import", directory + "/Docker MCP.yaml"], stub)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "imported catalog docker-mcp: 2 servers\nskipped fetch: needs a secret the catalog does not name\n")
        #expect(result.stderr == "gatehouse: warning: server time: unknown key x\n")
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST" && request.target == "/api/v1/mcp/catalogs")
        let body = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(body == ["name": "docker-mcp", "yaml": yaml])

        _ = try Self.run(["mcp", "catalog", "import", directory + "/Docker MCP.yaml", "--name", "team"], stub)
        let named = try #require(stub.requests.last.flatMap { try? JSONSerialization.jsonObject(with: $0.body) })
        #expect((named as? [String: String])?["name"] == "team")
    }

    @Test func catalogImportRefusesBigFilesAndBadNamesBeforeSending() throws {
        let stub = try MCPStubServer { _ in .json("{}") }
        defer { stub.close() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let big = directory + "/big.yaml"
        #expect(FileManager.default.createFile(atPath: big, contents: Data()))
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: UInt64(4 << 20) + 1)
        try handle.close()
        let refused = try Self.run(["mcp", "catalog", "import", big], stub)
        #expect(refused.status == 1)
        #expect(refused.stderr == "gatehouse: \(big) is 4194305 bytes; a catalog may be at most 4 MiB\n")

        try "registry: {}\n".write(toFile: directory + "/ok.yaml", atomically: true, encoding: .utf8)
        let badName = try Self.run(["mcp", "catalog", "import", directory + "/ok.yaml", "--name", "Team A"], stub)
        #expect(badName.status == 1)
        #expect(badName.stderr.contains("--name is \"Team A\", not a valid catalog name"), "\(badName.stderr)")
        let missing = try Self.run(["mcp", "catalog", "import", directory + "/none.yaml"], stub)
        #expect(missing.stderr == "gatehouse: cannot read \(directory)/none.yaml\n")
        #expect(stub.requests.isEmpty)
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 standing in for a Gatehouse server: each connection on a
/// thread of its own, one request each (every answer says `Connection: close`); `handler` says
/// what to answer, and every request is recorded.
final class MCPStubServer: Sendable {
    struct Request: Sendable {
        let method: String
        /// The path and query.
        let target: String
        /// The headers, names lower-cased.
        let headers: [String: String]
        let body: Data

        /// The body as a JSON object.
        var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    enum Answer: Sendable {
        /// A whole answer, with its length.
        case full(Int, [String: String], Data)
        /// A chunked answer: each piece one chunk, written `pause` seconds after the previous.
        case chunks(Int, [String: String], [Data], pause: TimeInterval)

        static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Answer {
            .full(status, headers.merging(["Content-Type": "application/json"]) { $1 }, Data(text.utf8))
        }

        /// An SSE stream of `text`, sent one byte a chunk when `bytewise` (so the reader gets it
        /// split at every possible place), else at once.
        static func events(_ text: String, bytewise: Bool = false) -> Answer {
            let bytes = Data(text.utf8)
            let pieces = bytewise ? bytes.map { Data([$0]) } : [bytes]
            return .chunks(200, ["Content-Type": "text/event-stream"], pieces, pause: bytewise ? 0.002 : 0)
        }
    }

    let port: Int
    private let socketFD: Int32
    private let log = Mutex<[Request]>([])

    init(handler: @escaping @Sendable (Request) -> Answer) throws {
        let (descriptor, port) = try LoopbackSocket.bind(listen: 64)
        self.port = port
        socketFD = descriptor
        Thread.detachNewThread { [self] in
            // This thread owns the descriptor and closes it: were `close()` to, the number could
            // be reused (by another stub) before this thread's next accept.
            defer { Foundation.close(descriptor) }
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread {
                    self.serve(client, handler)
                    Foundation.close(client)
                }
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The requests so far, in the order they arrived.
    var requests: [Request] { log.withLock { $0 } }

    /// Stops listening (the accepting thread then closes the socket).
    func close() {
        shutdown(socketFD, Int32(SHUT_RDWR))
    }

    /// A port on 127.0.0.1 where connections are refused, held (bound, not listening) until
    /// `release` closes the descriptor, so no other server can take it meanwhile.
    static func refusingPort() throws -> (port: Int, release: @Sendable () -> Void) {
        let (descriptor, port) = try LoopbackSocket.bind(listen: nil)
        return (port, { _ = Foundation.close(descriptor) })
    }

    private func serve(_ client: Int32, _ handler: (Request) -> Answer) {
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var received = [UInt8]()
        var byte: UInt8 = 0
        while !(received.count >= 4 && received.suffix(4) == [13, 10, 13, 10]) {
            guard read(client, &byte, 1) == 1, received.count < 65536 else { return }
            received.append(byte)
        }
        let lines = String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n")
        let start = lines[0].split(separator: " ")
        guard start.count == 3 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = [UInt8](repeating: 0, count: Int(headers["content-length"] ?? "0") ?? 0)
        var filled = 0
        while filled < body.count {
            let count = body.withUnsafeMutableBytes { read(client, $0.baseAddress! + filled, $0.count - filled) }
            guard count > 0 else { return }
            filled += count
        }
        let request = Request(method: String(start[0]), target: String(start[1]), headers: headers, body: Data(body))
        log.withLock { $0.append(request) }
        switch handler(request) {
        case .full(let status, let fields, let content):
            var head = "HTTP/1.1 \(status) Stub\r\nConnection: close\r\nContent-Length: \(content.count)\r\n"
            for (name, value) in fields { head += "\(name): \(value)\r\n" }
            Self.send(client, Array((head + "\r\n").utf8) + Array(content))
        case .chunks(let status, let fields, let pieces, let pause):
            var head = "HTTP/1.1 \(status) Stub\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
            for (name, value) in fields { head += "\(name): \(value)\r\n" }
            guard Self.send(client, Array((head + "\r\n").utf8)) else { return }
            for piece in pieces {
                if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                let chunk = Array(String(piece.count, radix: 16).utf8) + [13, 10] + Array(piece) + [13, 10]
                guard Self.send(client, chunk) else { return }
            }
            Self.send(client, Array("0\r\n\r\n".utf8))
        }
    }

    /// Writes all of `bytes`; false once the peer has gone (without SIGPIPE).
    @discardableResult
    private static func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Foundation.send(client, $0.baseAddress! + offset, $0.count - offset, flags)
            }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
