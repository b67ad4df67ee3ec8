import ArgumentParser
import Foundation
import GatehouseServer
import GatehouseStore

/// `gatehouse login`: sign in through the organisation's identity provider with the device
/// grant, and keep the resulting Gatehouse token in the credentials file (mode 0600).
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign in through your identity provider; stores a Gatehouse token for the CLI.")

    @OptionGroup var server: ServerOptions

    struct Status: Decodable { let status: String }

    func run() async throws {
        let client = try server.client(requireToken: false)
        let start = try JSONDecoder().decode(DeviceStart.self, from: try await client.call("POST", "auth/device"))
        printError("To sign in, open \(start.verificationURI) and enter the code \(start.userCode)")
        if let complete = start.verificationURIComplete { printError("(or open \(complete))") }
        var interval = max(1, start.interval)
        let deadline = Date().addingTimeInterval(TimeInterval(max(1, start.expiresIn)))
        while Date() < deadline {
            try await Task.sleep(for: .seconds(interval))
            let (data, status) = try await client.send("POST", "auth/device/token", body: ["handle": start.handle])
            if status == 202 {
                // RFC 8628 §3.5: slow_down adds five seconds to every later poll.
                if (try? JSONDecoder().decode(Status.self, from: data))?.status == "slow_down" { interval += 5 }
                continue
            }
            let signedIn = try JSONDecoder().decode(DeviceSignedIn.self, from: data)
            guard let secret = signedIn.token.token else { throw CLIFailure("the server returned no token") }
            try Self.store(server: client.base.absoluteString, token: secret)
            let groups = signedIn.groups.isEmpty ? "no groups" : signedIn.groups.joined(separator: ", ")
            print(
                "signed in as \(signedIn.subject) (\(groups)); token \(signedIn.token.id) expires \(signedIn.token.expiresAt ?? "never")"
            )
            return
        }
        throw CLIFailure("the sign-in code expired before it was approved; run gatehouse login again")
    }

    /// Writes the credentials file atomically, mode 0600, in a folder of mode 0700.
    static func store(server: String, token: String) throws {
        let path = ServerOptions.credentialsPath
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = try JSONEncoder().encode(ServerOptions.Credentials(server: server, token: token))
        try DataDirectory.writeAtomically(data, to: path, mode: 0o600)
    }
}
