import Foundation
import GatehouseTestSupport
import Testing

/// `gatehouse mcp client-config`: the exact entry each client's file needs, read back as JSON or
/// TOML; the command is this executable's absolute path; the token is never in it.
@Suite struct MCPClientConfigTests {
    static let secret = "gth_never-printed-0123456789abcdef"
    static var command: String { URL(fileURLWithPath: CLI.binary).standardizedFileURL.path }

    static func run(_ arguments: [String], server: String? = nil) throws -> CLI.Result {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try CLI.run(
            ["mcp", "client-config"] + arguments + (server.map { ["--server", $0] } ?? []),
            environment: ["GATEHOUSE_TOKEN": secret, "GATEHOUSE_SERVER": "", "XDG_CONFIG_HOME": directory])
    }

    /// The value of JSON text, in a form that compares exactly (keys sorted).
    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    static func parsedJSON(_ text: String) throws -> String {
        try canonical(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    /// TOML read by Python's tomllib, as JSON.
    static func parsedTOML(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import json, sys, tomllib; print(json.dumps(tomllib.load(sys.stdin.buffer)))",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try ProcessLaunch.run(process)
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return try parsedJSON(String(decoding: data, as: UTF8.self))
    }

    static var hasTOMLReader: Bool {
        (try? parsedTOML("a = 1\n")) == #"{"a":1}"#
    }

    @Test func stdioEntries() throws {
        let args = ["mcp", "connect", "--profile", "dev"]
        let expected: [(String, Any)] = [
            ("vscode", ["servers": ["gatehouse": ["type": "stdio", "command": Self.command, "args": args]]]),
            ("cursor", ["mcpServers": ["gatehouse": ["command": Self.command, "args": args]]]),
            ("claude", ["mcpServers": ["gatehouse": ["command": Self.command, "args": args]]]),
        ]
        for (client, value) in expected {
            let result = try Self.run(["--client", client, "--profile", "dev"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.parsedJSON(result.stdout) == Self.canonical(value), "\(client): \(result.stdout)")
            #expect(!(result.stdout + result.stderr).contains(Self.secret))
        }
        let codex = try Self.run(["--client", "codex", "--profile", "dev"])
        #expect(codex.status == 0, "\(codex.stderr)")
        #expect(
            codex.stdout
                == "[mcp_servers.gatehouse]\ncommand = \"\(Self.command)\"\nargs = [\"mcp\", \"connect\", \"--profile\", \"dev\"]\n"
        )
        if Self.hasTOMLReader {
            #expect(
                try Self.parsedTOML(codex.stdout)
                    == Self.canonical(["mcp_servers": ["gatehouse": ["command": Self.command, "args": args]]]))
        }
        #expect(codex.stderr.contains("~/.codex/config.toml"))
    }

    @Test func httpEntriesReferToTheTokenVariable() throws {
        let server = "http://127.0.0.1:9/gate"
        let url = "http://127.0.0.1:9/gate/mcp/dev"
        let expected: [(String, Any)] = [
            (
                "vscode",
                [
                    "servers": [
                        "gatehouse": [
                            "type": "http", "url": url, "headers": ["Authorization": "Bearer ${env:GATEHOUSE_TOKEN}"],
                        ]
                    ]
                ]
            ),
            (
                "cursor",
                [
                    "mcpServers": [
                        "gatehouse": ["url": url, "headers": ["Authorization": "Bearer ${env:GATEHOUSE_TOKEN}"]]
                    ]
                ]
            ),
            (
                "claude",
                [
                    "mcpServers": [
                        "gatehouse": [
                            "type": "http", "url": url, "headers": ["Authorization": "Bearer ${GATEHOUSE_TOKEN}"],
                        ]
                    ]
                ]
            ),
        ]
        for (client, value) in expected {
            let result = try Self.run(["--client", client, "--profile", "dev", "--http"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.parsedJSON(result.stdout) == Self.canonical(value), "\(client): \(result.stdout)")
            #expect(!(result.stdout + result.stderr).contains(Self.secret))
            #expect(result.stderr.contains("GATEHOUSE_TOKEN"))
        }
        let codex = try Self.run(
            ["--client", "codex", "--http", "--profile", "dev", "--name", "gh_dev"], server: server)
        #expect(codex.stdout == "[mcp_servers.gh_dev]\nurl = \"\(url)\"\nbearer_token_env_var = \"GATEHOUSE_TOKEN\"\n")
        if Self.hasTOMLReader {
            #expect(
                try Self.parsedTOML(codex.stdout)
                    == Self.canonical([
                        "mcp_servers": ["gh_dev": ["url": url, "bearer_token_env_var": "GATEHOUSE_TOKEN"]]
                    ]))
        }
        #expect(!(codex.stdout + codex.stderr).contains(Self.secret))
    }

    @Test func aNamedServerIsWrittenIntoTheBridgeArguments() throws {
        let result = try Self.run(["--client", "cursor"], server: "http://gatehouse.example:8080")
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let entry = (root?["mcpServers"] as? [String: Any])?["gatehouse"] as? [String: Any]
        #expect(
            entry?["args"] as? [String] == [
                "mcp", "connect", "--profile", "default", "--server", "http://gatehouse.example:8080",
            ])
    }

    @Test func theCommandIsFoundInPATHWhenStartedByName() throws {
        let directory = URL(fileURLWithPath: Self.command).deletingLastPathComponent().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["PATH=\(directory)", "gatehouse", "mcp", "client-config", "--client", "claude"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let entry = (root?["mcpServers"] as? [String: Any])?["gatehouse"] as? [String: Any]
        #expect(entry?["command"] as? String == Self.command)
    }

    @Test func refusesUnknownClientsAndBadNames() throws {
        let unknown = try Self.run(["--client", "emacs"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'vscode', 'cursor', 'claude' or 'codex'"), "\(unknown.stderr)")
        #expect(unknown.stdout.isEmpty)
        let badName = try Self.run(["--client", "codex", "--name", "a.b"])
        #expect(badName.status == 64)
        #expect(badName.stderr.contains("--name must be"))
        let badProfile = try Self.run(["--client", "vscode", "--profile", "../admin"])
        #expect(badProfile.status == 64)
    }
}
