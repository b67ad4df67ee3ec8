import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatehouseSandbox
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// `gatehouse sandbox`: run commands in sandboxes on a Gatehouse server, list and stop them,
/// and see which backends this host has.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Run commands in governed sandboxes.",
        subcommands: [Run.self, List.self, Remove.self, Backends.self])

    /// `gatehouse sandbox run`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a command in a sandbox; its output streams here and its exit status is ours.")

        @OptionGroup var server: ServerOptions
        @Option(help: "The backend (default: the strongest the server's host has).") var backend: String?
        @Option(help: "The workspace directory, bound read-write at /workspace.") var workspace: String?
        @Option(name: .customLong("image-root"), help: "An unpacked image to use as the read-only root.")
        var imageRoot: String?
        @Option(name: .customLong("allow-host"), help: "Let the egress proxy through to HOST[:PORT] (repeatable).")
        var allowHosts: [String] = []
        @Option(name: .customLong("env"), help: "NAME=VALUE for the sandbox's environment (repeatable).")
        var environment: [String] = []
        @Option(help: "Memory limit, like 512M or 2G.") var memory: String?
        @Option(help: "Process limit.") var pids: Int?
        @Option(name: .customLong("cpu-seconds"), help: "CPU-time limit in seconds.") var cpuSeconds: Int?
        @Option(help: "CPU bandwidth in CPUs, like 0.5 or 2.") var cpus: Double?
        @Option(help: "Wall-time limit, like 90s, 10m or 1h.") var timeout: String?
        @Argument(parsing: .captureForPassthrough, help: "-- COMMAND [ARGS...]") var command: [String] = []

        func run() async throws {
            var arguments = command
            if arguments.first == "--" { arguments.removeFirst() }
            guard !arguments.isEmpty else { throw ValidationError("give the command after --") }
            var request = SandboxRequest(command: arguments)
            request.backend = backend
            request.workspace = workspace.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            request.imageRoot = imageRoot.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            request.allowHosts = allowHosts.isEmpty ? nil : allowHosts
            request.memory = memory
            request.pids = pids
            request.cpuSeconds = cpuSeconds
            request.cpus = cpus
            request.timeout = timeout
            var env: [String: String] = [:]
            for pair in environment {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw ValidationError("--env takes NAME=VALUE")
                }
                env[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            request.env = env
            let status = try await SandboxStream(client: try server.client()).run(request)
            throw ExitCode(status)
        }
    }

    /// `gatehouse sandbox ls`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List your running sandboxes.")
        @OptionGroup var server: ServerOptions

        struct Body: Decodable {
            struct Item: Decodable {
                let id: String
                let backend: String
                let state: String
                let command: [String]
                let started_at: String
            }
            let sandboxes: [Item]
        }

        func run() async throws {
            let data = try await server.client().call("GET", "api/v1/sandboxes")
            let list = try JSONDecoder().decode(Body.self, from: data)
            for item in list.sandboxes {
                print(
                    "\(item.id)\t\(item.backend)\t\(item.state)\t\(item.started_at)\t\(item.command.joined(separator: " "))"
                )
            }
        }
    }

    /// `gatehouse sandbox rm`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Stop and wipe a sandbox.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "The sandbox id.") var id: String

        func run() async throws {
            _ = try await server.client().call("DELETE", "api/v1/sandboxes/\(id)")
            printError("stopped and wiped \(id)")
        }
    }

    /// `gatehouse sandbox backends`.
    struct Backends: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Probe this host's sandbox backends by running a sandbox on each, and report them.")

        func run() async throws {
            let root = NSTemporaryDirectory() + "gatehouse-sandboxes-\(getuid())"
            let (_, reports) = await SandboxProbe.run(stateRoot: root)
            for report in reports {
                let state = report.available ? "available" : "unavailable: \(report.reason ?? "")"
                print("\(report.name)\t\(report.level.rawValue)\t\(state)")
                for (key, value) in report.details.sorted(by: { $0.key < $1.key }) { print("  \(key): \(value)") }
            }
            if !reports.contains(where: \.available) { throw ExitCode(1) }
        }
    }
}

/// Streams `POST /api/v1/sandboxes`: output lines go to our standard output and error; the
/// last line carries the exit status.
struct SandboxStream {
    let client: ServerClient

    struct Line: Decodable {
        let sandbox: String?
        let stdout: String?
        let stderr: String?
        let exit: Int32?
        let reason: String?
        let oom: Bool?
    }

    func run(_ request: SandboxRequest) async throws -> Int32 {
        let response = try await client.postStreaming("api/v1/sandboxes", body: request, timeout: .hours(25))
        var pending = Data()
        for try await chunk in response.body {
            pending.append(contentsOf: chunk.readableBytesView)
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                guard let decoded = try? JSONDecoder().decode(Line.self, from: line) else { continue }
                if let text = decoded.stdout, let data = Data(base64Encoded: text) {
                    FileHandle.standardOutput.write(data)
                }
                if let text = decoded.stderr, let data = Data(base64Encoded: text) {
                    FileHandle.standardError.write(data)
                }
                if let exit = decoded.exit {
                    if decoded.oom == true { printError("gatehouse: the sandbox ran out of memory") }
                    if decoded.reason == "timed_out" { printError("gatehouse: the sandbox's time limit ran out") }
                    return exit
                }
            }
        }
        throw CLIFailure("the server ended the stream without an exit status")
    }
}
