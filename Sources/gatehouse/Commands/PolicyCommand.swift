import ArgumentParser
import Foundation
import GatehouseCore

/// `gatehouse policy`.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Inspect the policy.", subcommands: [Explain.self])

    /// `gatehouse policy explain`.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the decision for a subject, groups and action, and the rule that made it.")

        @Option(help: "The configuration file (default: the embedded example).")
        var config: String?

        @Option(help: "The subject.")
        var subject: String

        @Option(help: "The issuer (default: gatehouse:local).")
        var issuer: String = Principal.localIssuer

        @Option(help: "Comma-separated groups.")
        var groups: String = ""

        @Option(help: "The action, e.g. model.use.")
        var action: String

        @Option(help: "The resource (default: *).")
        var resource: String = "*"

        func run() async throws {
            let loaded = try ConfigLoading.load(config)
            guard let kind = ActionKind(rawValue: action) else {
                printError("unknown action \"\(action)\" (known: \(ActionKind.allNames.joined(separator: ", ")))")
                throw ExitCode(2)
            }
            let principal = Principal(
                issuer: issuer, subject: subject,
                groups: groups.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty },
                authMethod: .accessToken)
            let policy = loaded.policy
            let decision = policy.decide(principal, Action(kind, resource: resource))
            print("decision: \(decision.effect.rawValue)")
            print("rule:     \(decision.rule)")
            print("reason:   \(decision.reason)")
            print("groups:   \(policy.effectiveGroups(of: principal).joined(separator: ", "))")
            for (key, value) in decision.obligations.sorted(by: { $0.key < $1.key }) {
                print("obligation: \(key)=\(value)")
            }
            if !decision.isAllowed { throw ExitCode(3) }
        }
    }
}
