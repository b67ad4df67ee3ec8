import GatehouseCore
import GatehouseRegistry

extension Spine {
    /// When image classes are defined, the repository's class must be allowed too: `image.pull`
    /// on `class:NAME`, decided by the same policy; a denial is that rule's refusal.
    func imageClassRefusal(_ caller: Caller, _ repository: Repository) -> Refusal? {
        guard let name = config.loaded.config.registry.imageClass(of: repository.description) else { return nil }
        let decision = config.policy.decide(
            caller.principal, Action(.imagePull, resource: "class:" + name), scopes: caller.scopes)
        guard !decision.isAllowed else { return nil }
        return Refusal(rule: decision.rule, reason: "\(repository) is in the image class \(name): \(decision.reason)")
    }
}
