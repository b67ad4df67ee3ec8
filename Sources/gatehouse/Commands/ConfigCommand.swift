import ArgumentParser
import GatehouseCore
import GatehouseServer

/// `gatehouse config`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with gatehouse.yaml.",
        subcommands: [Check.self])

    /// `gatehouse config check FILE`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a configuration file: exit 0, or print every error and exit 1.")

        @Argument(help: "The file to check.")
        var file: String

        func run() async throws {
            let config = try ConfigLoading.load(file)
            let rules = config.groups.reduce(0) { $0 + $1.rules.count }
            print("\(file): ok (version \(config.version), \(config.groups.count) groups, \(rules) rules)")
        }
    }
}
