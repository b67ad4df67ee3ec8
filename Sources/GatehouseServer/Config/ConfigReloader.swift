import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP: a valid file takes effect at once; a bad one is
/// rejected with its errors logged and the old configuration stays in force. Each reload is
/// recorded in the audit trail.
final class ConfigReloader: Service {
    let holder: ConfigHolder
    let audit: AuditLog
    let logger: Logger

    init(holder: ConfigHolder, audit: AuditLog, logger: Logger) {
        self.holder = holder
        self.audit = audit
        self.logger = logger
    }

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// Reloads from the file in force; returns whether the new file was accepted.
    @discardableResult
    func reload() async -> Bool {
        guard let path = holder.loaded.path else {
            logger.notice("SIGHUP ignored: running on the embedded default configuration")
            return false
        }
        let started = ContinuousClock.now
        let outcome: String
        let accepted: Bool
        // The record names exactly which file content was offered, by hash.
        let digest = FileManager.default.contents(atPath: path).map { PayloadDigest(bytes: $0) }
        do {
            let config = try ConfigFile.load(path: path)
            warnAboutRestartOnlyChanges(old: holder.loaded.config, new: config)
            holder.replace(with: config)
            logger.notice("configuration reloaded", metadata: ["file": "\(path)"])
            outcome = "ok"
            accepted = true
        } catch {
            for diagnostic in error.diagnostics {
                logger.error("configuration rejected", metadata: ["error": "\(diagnostic)"])
            }
            logger.error("the previous configuration stays in force", metadata: ["file": "\(path)"])
            outcome = "error:\(GatehouseError.Code.invalidConfig)"
            accepted = false
        }
        let event = AuditEvent(
            timeMicros: WallClock.nowMicros(), principal: Spine.systemPrincipal,
            action: ActionKind.policyChange.rawValue, resource: path,
            decision: Decision(effect: .allow, rule: "sighup", reason: "reload requested by the host operator"),
            outcome: outcome, durationMicros: started.microsecondsSince, traceID: TraceID.random(),
            payload: digest.map { PayloadDigest(shape: "yaml", sha256: $0.sha256) })
        do {
            try await audit.append(event)
        } catch {
            logger.error("cannot audit the configuration reload", metadata: ["error": "\(error)"])
        }
        return accepted
    }

    private func warnAboutRestartOnlyChanges(old: GatehouseConfig, new: GatehouseConfig) {
        if old.server != new.server || old.store != new.store {
            logger.warning("server and store settings change only on restart")
        }
    }
}
