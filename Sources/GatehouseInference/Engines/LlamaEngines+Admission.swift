import GatehouseCore

extension LlamaEngines {
    /// Refuses `model` when it cannot fit even after evicting every idle engine.
    func admit(_ model: LocalModelRef) throws(GatehouseError) {
        if let refusal = refusal(for: model) { throw refusal }
    }

    /// Why `model` cannot be loaded now, counting only engines that cannot be evicted.
    func refusal(for model: LocalModelRef) -> GatehouseError? {
        let others = records.values.filter { $0.model.name != model.name && $0.lifecycle.holdsProcess }
        let pinned = others.filter { !$0.isIdle && $0.lifecycle.state != .stopping }
        let pinnedBytes = pinned.reduce(UInt64(0)) { $0 + $1.model.estimatedBytes }
        let budget = settings.memoryBudget
        if model.estimatedBytes > budget || pinnedBytes > budget - model.estimatedBytes {
            return GatehouseError(
                .insufficientMemory,
                "model '\(model.name)' needs about \(mib(model.estimatedBytes)) MiB; the budget is \(mib(budget)) MiB "
                    + "and busy engines hold \(mib(pinnedBytes)) MiB")
        }
        if pinned.count >= settings.maxLoaded {
            return GatehouseError(
                .engineUnavailable,
                "all \(settings.maxLoaded) engine slots are busy (\(pinned.map(\.model.name).sorted().joined(separator: ", "))); "
                    + "retry when a request finishes")
        }
        return nil
    }

    /// Evicts idle engines, least recently used first, until `name` fits the slots and the budget.
    func makeRoom(for name: String, id: UInt64) async throws {
        while true {
            guard let record = records[name], record.id == id, record.lifecycle.state == .starting else {
                throw GatehouseError(.engineUnavailable, "engine for '\(name)' was unloaded while starting")
            }
            let others = records.values.filter { $0.model.name != name && $0.lifecycle.holdsProcess }
            let used = others.reduce(UInt64(0)) { $0 + $1.model.estimatedBytes }
            if others.count < settings.maxLoaded && used + record.model.estimatedBytes <= settings.memoryBudget {
                return
            }
            if let refusal = refusal(for: record.model) { throw refusal }
            if let victim = others.filter(\.isIdle).min(by: { $0.lastUsed < $1.lastUsed }) {
                await unload(victim.model.name)
            } else {
                // Only stopping engines stand in the way; wait for them to be reaped.
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    private func mib(_ bytes: UInt64) -> UInt64 { bytes / (1024 * 1024) }
}
