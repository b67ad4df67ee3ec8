/// An agent's `model`, resolved: a key of `models`, the `provider/model` shorthand, or a bare
/// name, which is a local model of Gatehouse's own engines.
public enum ModelReference {
    /// The model an agent uses.
    public static func resolve(_ reference: String, in file: AgentFile) -> ModelDefinition {
        if let named = file.models[reference] { return named }
        if let slash = reference.firstIndex(of: "/") {
            let provider = String(reference[..<slash])
            let model = String(reference[reference.index(after: slash)...])
            return ModelDefinition(provider: provider, model: model)
        }
        return ModelDefinition(provider: "dmr", model: reference)
    }

    /// What is wrong with a reference, or nil.
    static func problem(_ reference: String, in file: AgentFile) -> String? {
        if file.models[reference] != nil { return nil }
        if reference == "auto" {
            return "model \"auto\" is not supported: name a model of this file or of Gatehouse's gateway"
        }
        if reference.contains(",") {
            return "model lists (\(reference)) are not supported: name one model; Gatehouse's aliases give fallbacks"
        }
        if let slash = reference.firstIndex(of: "/") {
            let provider = reference[..<slash]
            let model = reference[reference.index(after: slash)...]
            if provider.isEmpty || model.isEmpty {
                return "model \(reference) must be a key of models or PROVIDER/MODEL"
            }
        }
        return nil
    }
}
