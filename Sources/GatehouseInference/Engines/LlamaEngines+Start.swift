import Foundation
import GatehouseCore

extension LlamaEngines {
    /// Starts the record's one start task; every lease for the model awaits it.
    func beginStart(_ name: String) {
        guard let id = records[name]?.id else { return }
        records[name]?.since = Date()
        records[name]?.startTask = Task { try await self.start(name: name, id: id) }
    }

    private func start(name: String, id: UInt64) async throws {
        do {
            try await makeRoom(for: name, id: id)
        } catch {
            // Never spawned: forget the record instead of entering crash backoff.
            if records[name]?.id == id, records[name]?.lifecycle.state == .starting { records[name] = nil }
            throw error
        }
        do {
            try await spawnUntilReady(name: name, id: id)
        } catch let error as GatehouseError where records[name]?.id == id && records[name]?.lifecycle.state == .starting
        {
            records[name]?.process = nil
            records[name]?.port = nil
            records[name]?.startTask = nil
            records[name]?.lastFailure = String(error.message.prefix { $0 != ";" && $0 != "\n" })
            try? records[name]?.lifecycle.handle(.exited(at: .now))
            throw error
        }
    }

    private func spawnUntilReady(name: String, id: UInt64) async throws {
        for attempt in 1...max(settings.bindAttempts, 1) {
            guard let model = records[name]?.model else { break }
            let port = try LoopbackSocket.freePort()
            let logPath = "\(settings.logDirectory)/\(Self.fileSafe(name))-\(port).log"
            try? FileManager.default.createDirectory(atPath: settings.logDirectory, withIntermediateDirectories: true)
            let process = try await EngineProcess.spawn(argv: settings.argv(model: model, port: port), logPath: logPath)
            spawnCount += 1
            guard records[name]?.id == id, records[name]?.lifecycle.state == .starting else {
                await process.terminate(grace: settings.stopGrace)
                break
            }
            records[name]?.process = process
            records[name]?.port = port
            let outcome = await Self.waitUntilReady(
                process, serving: model.name, port: port, timeout: settings.startTimeout)
            guard records[name]?.id == id, records[name]?.lifecycle.state == .starting else { break }
            switch outcome {
            case .ready:
                try records[name]?.lifecycle.handle(.becameReady(at: .now))
                records[name]?.since = Date()
                records[name]?.lastUsed = .now
                records[name]?.startTask = nil
                return
            case .exited(let status):
                let tail = LogTail.read(logPath)
                if settings.dialect.isBindFailure(log: tail) && attempt < settings.bindAttempts { continue }
                throw GatehouseError(
                    .engineUnavailable,
                    "engine for '\(name)' exited during start (\(EngineProcess.describe(status))); last log lines:\n\(tail)"
                )
            case .timedOut:
                await process.terminate(grace: settings.stopGrace)
                throw GatehouseError(
                    .engineUnavailable,
                    "engine for '\(name)' was not ready within \(Self.seconds(settings.startTimeout)) s; "
                        + "last log lines:\n\(LogTail.read(logPath))")
            case .cancelled:
                break
            }
            break
        }
        throw GatehouseError(.engineUnavailable, "engine for '\(name)' was unloaded while starting")
    }

    /// How a start ended.
    enum StartOutcome: Sendable {
        case ready
        case exited(Int32)
        case timedOut
        case cancelled
    }

    /// Polls `GET /v1/models` until 200, the process exits, the timeout passes or the task is cancelled.
    nonisolated static func waitUntilReady(
        _ process: EngineProcess, serving name: String, port: Int, timeout: Duration
    ) async -> StartOutcome {
        let deadline = ContinuousClock.now + timeout
        while true {
            if Task.isCancelled { return .cancelled }
            if let status = process.exitStatus() { return .exited(status) }
            // Ready when the port answers with this model: a free port picked here can be taken by
            // another process before the engine binds it, and that process must not pass for it.
            if let answer = LoopbackSocket.httpGet(port: port, path: "/v1/models"), answer.status == 200,
                answer.body.contains("\"\(name)\"")
            {
                return .ready
            }
            if ContinuousClock.now >= deadline { return .timedOut }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// `name` with anything but letters, digits, `.`, `-` and `_` replaced, for file names.
    static func fileSafe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
