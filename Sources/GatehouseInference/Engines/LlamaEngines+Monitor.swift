extension LlamaEngines {
    /// Until cancelled: unloads idle engines past their keep-alive, notices crashes, and restarts
    /// crashed engines after their backoff while their keep-alive still holds. Unloads all on exit.
    package func run() async throws {
        do {
            while true {
                try await Task.sleep(for: settings.monitorInterval)
                await sweep()
            }
        } catch {
            await unloadAll()
            throw error
        }
    }

    /// One monitor pass.
    package func sweep() async {
        let now = ContinuousClock.now
        for name in records.keys {
            noticeExit(name)
            guard let record = records[name] else { continue }
            let expired = record.expiresAt.map { now >= $0 } ?? false
            switch record.lifecycle.state {
            case .ready where record.leases.isEmpty && expired:
                await unload(name)
            case .crashed(let retryAt) where now >= retryAt:
                if expired || refusal(for: record.model) != nil {
                    records[name] = nil
                } else if (try? records[name]?.lifecycle.handle(.restart(at: now))) != nil {
                    beginStart(name)
                }
            default:
                break
            }
        }
    }
}
