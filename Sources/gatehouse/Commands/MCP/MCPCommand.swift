import ArgumentParser
import Foundation

/// `gatehouse mcp`: the MCP gateway of a Gatehouse server, from the command line and from IDEs.
/// Every subcommand talks to the server with the stored CLI credential, as `gatehouse sandbox`
/// does.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Use the MCP gateway: list servers and tools, call tools, import catalogs, connect IDEs.",
        subcommands: [Servers.self, Tools.self, Call.self, Catalog.self, ClientConfig.self, Connect.self])

    /// Runs `body`; a failure already explained (`CLIFailure`) is printed as
    /// `gatehouse: MESSAGE` and the command exits 1.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            printError("gatehouse: \(failure.description)")
            throw ExitCode(1)
        }
    }

    /// Whether `name` is a valid profile or catalog name, as the server's catalog reads them:
    /// `[a-z0-9][a-z0-9._-]{0,62}`.
    static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 63, isLowerAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

/// The `--profile` option of the subcommands that act within a tool profile.
struct MCPProfileOption: ParsableArguments {
    @Option(help: "The tool profile.") var profile = "default"

    func validate() throws {
        guard MCPCommand.isValidName(profile) else {
            throw ValidationError(
                "--profile must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
            )
        }
    }
}
