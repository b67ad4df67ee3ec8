extension LlamaEngines {
    /// Stops the engine for `name` (SIGTERM, SIGKILL after the grace period) and reaps it.
    ///
    /// In-flight leases become stale; a start in progress fails its waiters.
    package func unload(_ name: String) async {
        guard let record = records[name] else { return }
        switch record.lifecycle.state {
        case .stopping:
            while records[name]?.id == record.id { await uncancellableSleep(.milliseconds(20)) }
            return
        case .crashed, .stopped:
            records[name] = nil
            return
        case .starting, .ready:
            break
        }
        try? records[name]?.lifecycle.handle(.stop)
        record.startTask?.cancel()
        await record.process?.terminate(grace: settings.stopGrace)
        _ = try? await record.startTask?.value
        // A start task may have spawned a process after `record` was read.
        if records[name]?.id == record.id, let later = records[name]?.process, later !== record.process {
            await later.terminate(grace: settings.stopGrace)
        }
        if records[name]?.id == record.id {
            try? records[name]?.lifecycle.handle(.reaped)
            records[name] = nil
        }
    }

    /// Unloads every engine, concurrently; call at shutdown (`run()` does when cancelled).
    package func unloadAll() async {
        await withTaskGroup(of: Void.self) { group in
            for name in records.keys {
                group.addTask { await self.unload(name) }
            }
        }
    }

    /// Marks a ready engine whose process has exited as crashed.
    func noticeExit(_ name: String) {
        guard let record = records[name], case .ready = record.lifecycle.state,
            let status = record.process?.exitStatus()
        else { return }
        try? records[name]?.lifecycle.handle(.exited(at: .now))
        records[name]?.lastFailure = "exited unexpectedly with \(EngineProcess.describe(status))"
        records[name]?.process = nil
        records[name]?.port = nil
        records[name]?.leases = []
    }
}
