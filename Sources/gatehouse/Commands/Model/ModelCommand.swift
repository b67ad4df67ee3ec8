import ArgumentParser

/// `gatehouse model`: the models Gatehouse serves — pulled through the registry rules, imported
/// from files, packaged and pushed in Docker Model Runner's OCI format, listed, removed and run.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Manage and run the models Gatehouse serves.",
        subcommands: [
            ModelPull.self, ModelImport.self, ModelPackage.self, ModelList.self, ModelRemove.self, ModelRun.self,
        ])
}
