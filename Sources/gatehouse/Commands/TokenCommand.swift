import ArgumentParser
import Foundation
import GatehouseServer

/// `gatehouse token`: access tokens for people, CLIs and agents.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke your access tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    /// `gatehouse token create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token; it is printed once, on standard output.")

        @OptionGroup var server: ServerOptions
        @Option(help: "A name to recognise it by.") var name: String
        @Option(help: "Lifetime: 30m, 24h, 7d (at most 365d).") var ttl: String = "24h"
        @Option(name: .customLong("scope"), help: "Limit the token to actions matching this pattern (repeatable).")
        var scopes: [String] = []

        struct Body: Encodable {
            let name: String
            let ttl: String
            let scopes: [String]
        }

        func run() async throws {
            let data = try await server.client().call(
                "POST", "api/v1/tokens", body: Body(name: name, ttl: ttl, scopes: scopes))
            let token = try JSONDecoder().decode(TokenBody.self, from: data)
            printError(
                "created \(token.id) \"\(token.name)\", expires \(token.expiresAt ?? "never"); it is shown only now")
            print(token.token ?? "")
        }
    }

    /// `gatehouse token ls`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List your tokens.")

        @OptionGroup var server: ServerOptions

        func run() async throws {
            let data = try await server.client().call("GET", "api/v1/tokens")
            let page = try JSONDecoder().decode(TokenList.self, from: data)
            print(["ID", "NAME", "SCOPES", "CREATED", "EXPIRES", "LAST USED", "STATE"].joined(separator: "\t"))
            for token in page.tokens {
                let state = token.revokedAt != nil ? "revoked" : "active"
                print(
                    [
                        token.id, token.name, token.scopes.isEmpty ? "*" : token.scopes.joined(separator: ","),
                        token.createdAt, token.expiresAt ?? "never", token.lastUsedAt ?? "-", state,
                    ].joined(separator: "\t"))
            }
        }
    }

    /// `gatehouse token revoke`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke one of your tokens at once.")

        @OptionGroup var server: ServerOptions
        @Argument(help: "The token's id (tok_…).") var id: String

        func run() async throws {
            guard id.hasPrefix("tok_"), id.count <= 40, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else {
                throw CLIFailure("\"\(id.prefix(40))\" is not a token id (tok_ and hex digits)")
            }
            let data = try await server.client().call("DELETE", "api/v1/tokens/\(id)")
            let token = try JSONDecoder().decode(TokenBody.self, from: data)
            print("revoked \(token.id) at \(token.revokedAt ?? "?")")
        }
    }
}

/// `gatehouse logout`: revokes the stored credential on the server, then forgets it.
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revoke this machine's token on the server and delete the credentials file.")

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let data = try await server.client().call("POST", "api/v1/logout")
        let token = try JSONDecoder().decode(TokenBody.self, from: data)
        let path = ServerOptions.credentialsPath
        if FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw CLIFailure("revoked \(token.id), but could not delete \(path)")
            }
        }
        print("signed out: revoked \(token.id)")
    }
}
