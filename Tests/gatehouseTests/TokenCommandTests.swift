import Foundation
import Testing

/// `gatehouse token` against a live `gatehouse serve`.
@Suite struct TokenCommandTests {
    @Test func createListAndRevokeThroughTheCLI() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try ServeCommandTests.config(
            extraGroup: """
                  authenticated:
                    rules:
                      - {id: own-tokens, effect: allow, actions: [token.create, token.list, token.revoke], resources: [self]}
                """
        ).write(toFile: configPath, atomically: true, encoding: .utf8)
        let admin = "gth_cli-admin-token-0123456789abcdefghij"
        let server = try ServerProcess(
            ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"],
            environment: ["GATEHOUSE_TEST_UNSET_TOKEN": admin])
        let listening = try #require(
            await ServerProcess.first(in: server.stderrLines, containing: "gatehouse is listening"))
        let url = "http://127.0.0.1:\(try #require(ServerProcess.port(in: listening)))"
        // No credentials file: the environment carries server and token.
        let environment = ["GATEHOUSE_TOKEN": admin, "XDG_CONFIG_HOME": directory + "/config"]

        let created = try CLI.run(
            ["token", "create", "--server", url, "--name", "laptop", "--ttl", "7d", "--scope", "identity.whoami"],
            environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("gth_"))
        let id = try #require(created.stderr.split(separator: " ").first { $0.hasPrefix("tok_") }.map(String.init))
        #expect(try await HTTP.get(url + "/api/v1/whoami", token: token).0 == 200)

        let listed = try CLI.run(["token", "ls", "--server", url], environment: environment)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("\(id)\tlaptop\tidentity.whoami"))
        #expect(!listed.stdout.contains(token))

        let revoked = try CLI.run(["token", "revoke", "--server", url, id], environment: environment)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.hasPrefix("revoked \(id) at "))
        #expect(try await HTTP.get(url + "/api/v1/whoami", token: token).0 == 401)

        let wrong = try CLI.run(["token", "revoke", "--server", url, "tok_0000000000000000"], environment: environment)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("(404 not_found)"))

        // logout: the credentials file's token is revoked on the server and the file deleted.
        let config = directory + "/config"
        try FileManager.default.createDirectory(atPath: config + "/gatehouse", withIntermediateDirectories: true)
        let second = try CLI.run(
            ["token", "create", "--server", url, "--name", "second"], environment: environment)
        let secondToken = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let credentials = config + "/gatehouse/credentials"
        try #"{"server": "\#(url)", "token": "\#(secondToken)"}"#.write(
            toFile: credentials, atomically: true, encoding: .utf8)
        chmod(credentials, 0o600)
        let logout = try CLI.run(["logout"], environment: ["XDG_CONFIG_HOME": config, "GATEHOUSE_TOKEN": ""])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stdout.hasPrefix("signed out: revoked tok_"))
        #expect(!FileManager.default.fileExists(atPath: credentials))
        #expect(try await HTTP.get(url + "/api/v1/whoami", token: secondToken).0 == 401)

        server.signal(SIGTERM)
        #expect(await server.waitForExit() == 0)
    }

    @Test func readableCredentialsFileIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/gatehouse", withIntermediateDirectories: true)
        let path = directory + "/gatehouse/credentials"
        try #"{"server": "http://127.0.0.1:9", "token": "gth_x"}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        let result = try CLI.run(["token", "ls"], environment: ["XDG_CONFIG_HOME": directory, "GATEHOUSE_TOKEN": ""])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is readable by other users; run chmod 600"))
    }
}
