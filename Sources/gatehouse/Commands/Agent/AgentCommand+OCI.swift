import ArgumentParser
import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference

/// `gatehouse agent push FILE REF`: packages an agent file as docker-agent's OCI artifact and
/// pushes it straight to the registry.
struct AgentPush: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Push an agent file to a registry as a docker-agent OCI artifact.")

    @Argument(help: "The agent file (YAML).") var file: String
    @Argument(help: "Where to push: HOST[:PORT]/REPOSITORY:TAG.") var reference: String
    @OptionGroup var registry: RegistryPushOptions

    func run() async throws {
        let pusher = try registry.pusher()
        do {
            let reference = try OCIReference(parsing: reference)
            let package = try AgentPackage.build(path: file)
            let digest = try await pusher.push(package, to: reference)
            print("pushed \(reference) \(digest)")
        } catch {
            throw CLIFailure(error.message)
        }
    }
}

/// `gatehouse agent pull REF`: the server pulls the agent file through the registry rules; it is
/// written to `--output` (default `<repository's last part>.yaml` here), never over an existing
/// file unless `--force`.
struct AgentPull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Pull an agent file (docker-agent's OCI format) through the registry rules.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The reference, e.g. registry.example.com/agents/reviewer:1.") var reference: String
    @Option(name: .shortAndLong, help: "The file to write (default: the repository's last part, .yaml).")
    var output: String?
    @Flag(help: "Replace the output file when it exists.") var force = false

    func run() async throws {
        let path: String
        if let output {
            path = output
        } else {
            let parsed: OCIReference
            do {
                parsed = try OCIReference(parsing: reference)
            } catch {
                throw CLIFailure(error.message)
            }
            path = (parsed.repository.split(separator: "/").last.map(String.init) ?? "agent") + ".yaml"
        }
        if !force, FileManager.default.fileExists(atPath: path) {
            throw CLIFailure("\(path) exists; use --force to replace it or --output to write elsewhere")
        }
        let data = try await server.client().call(
            "POST", "api/v1/agents/pull", body: JSONValue.object(["reference": .string(reference)]))
        guard let answer = JSONValue.parse(data), let yaml = answer["yaml"]?.stringValue,
            let digest = answer["digest"]?.stringValue
        else { throw CLIFailure("unexpected answer from the server") }
        try AgentFileWriter.write(Data(yaml.utf8), to: path, replace: force)
        print("pulled \(answer["reference"]?.stringValue ?? reference) \(digest) to \(path)")
    }
}
