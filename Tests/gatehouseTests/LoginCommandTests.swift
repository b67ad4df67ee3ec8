import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `gatehouse login` end to end: the CLI, a live `gatehouse serve`, and the real nanoidp
/// provider, with the person approving the device code on the provider's page.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] != nil,
        "GATEHOUSE_TEST_OIDC_ISSUER is not set: run scripts/test.sh, which starts nanoidp"))
struct LoginCommandTests {
    static let issuer = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] ?? ""

    @Test func deviceLoginThroughGatehouseStoresAWorkingToken() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try """
        version: 1
        identity:
          oidc:
            issuer: "\(Self.issuer)"
            client_id: gatehouse
            client_secret: env:GATEHOUSE_TEST_OIDC_CLIENT_SECRET
            scopes: [openid, email, profile, groups]
            allowed_email_domains: [example.test]
          session_ttl: 1d
        groups:
          authenticated:
            rules:
              - {id: sign-in, effect: allow, actions: [identity.login, identity.logout, identity.whoami, token.revoke], resources: ["*"]}
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let server = try ServerProcess(
            ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"],
            environment: ["GATEHOUSE_ADMIN_TOKEN": "gth_login-test-admin-0123456789abcdef"])
        let listening = try #require(
            await ServerProcess.first(in: server.stderrLines, containing: "gatehouse is listening"))
        let url = "http://127.0.0.1:\(try #require(ServerProcess.port(in: listening)))"
        let config = directory + "/config"

        let login = try ServerProcess(["login", "--server", url], environment: ["XDG_CONFIG_HOME": config])
        let prompt = try #require(await ServerProcess.first(in: login.stderrLines, containing: "enter the code"))
        let code = try #require(prompt.split(separator: " ").last.map(String.init))
        try await Self.approve(code, user: "alice", password: "alice-password")
        #expect(await login.waitForExit() == 0)
        var output = ""
        for await line in login.stdoutLines { output += line }
        #expect(output.hasPrefix("signed in as alice (auditors, developers); token tok_"))

        let credentials = config + "/gatehouse/credentials"
        let mode = try FileManager.default.attributesOfItem(atPath: credentials)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        struct Stored: Decodable {
            let server: String
            let token: String
        }
        let stored = try JSONDecoder().decode(
            Stored.self, from: try Data(contentsOf: URL(fileURLWithPath: credentials)))
        let (status, whoami) = try await HTTP.get(url + "/api/v1/whoami", token: stored.token)
        #expect(status == 200)
        #expect(whoami.contains(#""subject":"alice""#))
        #expect(whoami.contains(#""issuer":"\#(Self.issuer)""#.replacingOccurrences(of: "/", with: "\\/")))

        let logout = try CLI.run(["logout"], environment: ["XDG_CONFIG_HOME": config])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(try await HTTP.get(url + "/api/v1/whoami", token: stored.token).0 == 401)

        server.signal(SIGTERM)
        #expect(await server.waitForExit() == 0)
        let trail = try CLI.run(
            ["audit", "query", "--config", configPath, "--data-dir", directory, "--action", "identity.login", "--json"])
        #expect(trail.stdout.contains(#""subject":"alice""#))
        #expect(trail.stdout.contains(#""decision":"allow""#))
    }

    /// The person approves the code on the provider's device page.
    static func approve(_ code: String, user: String, password: String) async throws {
        var request = URLRequest(url: URL(string: issuer + "/device")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("user_code=\(code)&username=\(user)&password=\(password)&action=authorize".utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        #expect(String(decoding: data, as: UTF8.self).contains("authorized"))
    }
}
