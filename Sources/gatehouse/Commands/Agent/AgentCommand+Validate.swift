import ArgumentParser
import Foundation
import GatehouseAgents
import GatehouseCore

/// `gatehouse agent validate FILE`: reads an agent file strictly and prints every problem.
struct AgentValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check an agent file; print every problem with its line and key path.")

    @Argument(help: "The agent file (YAML).") var file: String

    func run() async throws {
        let agentFile = try AgentFiles.read(file)
        for note in AgentFileReader.notes(for: agentFile) { print("note: \(note)") }
        let names = agentFile.agents.map(\.name).joined(separator: ", ")
        print("\(file): valid (version \(agentFile.version); agents: \(names))")
    }
}

/// Reading agent files for the commands.
enum AgentFiles {
    /// The file's text (at most 1 MiB).
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("cannot read \(path)")
        }
        guard data.count <= 1 << 20 else { throw CLIFailure("\(path) is over 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIFailure("\(path) is not UTF-8 text") }
        return text
    }

    /// The file, read strictly: every problem on standard error, then a failure.
    static func read(_ path: String) throws -> AgentFile {
        let text = try text(path)
        do {
            return try AgentFileReader.read(text, file: path)
        } catch {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
            let count = error.diagnostics.count
            throw CLIFailure("\(path): \(count) problem\(count == 1 ? "" : "s")")
        }
    }
}
