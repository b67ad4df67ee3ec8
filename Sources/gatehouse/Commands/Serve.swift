import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseServer
import Hummingbird
import Logging

/// `gatehouse serve`: run the server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Gatehouse server (embedded defaults when no --config is given).")

    @Option(help: "The configuration file (default: the embedded examples/gatehouse.yaml).")
    var config: String?

    @Option(help: "The data directory (default: server.data_dir, else ./.gatehouse).")
    var dataDir: String?

    @Option(help: "Listen address (default: server.host).")
    var host: String?

    @Option(help: "Listen port (default: server.port).")
    var port: Int?

    func run() async throws {
        // Files Gatehouse creates (store, keys, exports) are readable by its user only.
        umask(0o077)
        let loaded = try ConfigLoading.load(config)
        LoggingSetup.bootstrap(loaded.logging)
        let logger = Logger(label: "gatehouse")
        let options = GatehouseServer.Options(
            host: host ?? loaded.server.host, port: port ?? loaded.server.port,
            dataDir: dataDir ?? loaded.server.dataDir ?? "./.gatehouse", configPath: config)
        do {
            let app = try await GatehouseServer.build(
                config: loaded, options: options, logger: logger,
                announceAdminToken: { token in
                    let text = """
                        Bootstrap admin token (shown once; store it now):
                          \(token)
                        Use it as: Authorization: Bearer <token>

                        """
                    FileHandle.standardOutput.write(Data(text.utf8))
                })
            try await app.runService()
            logger.notice("gatehouse stopped; the audit trail is flushed")
        } catch let error as GatehouseError {
            logger.critical("gatehouse cannot start", metadata: ["error": "\(error)"])
            throw CLIFailure("gatehouse cannot start: \(error.message)")
        } catch let error as CLIFailure {
            throw error
        } catch {
            logger.critical("gatehouse stopped", metadata: ["error": "\(error)"])
            throw CLIFailure("gatehouse stopped: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? GatehouseError { return error.message }
        return String(describing: error)
    }
}
