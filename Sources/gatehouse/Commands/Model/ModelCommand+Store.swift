import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseInference

/// `gatehouse model import FILE.gguf --name N`: adds a local GGUF file to the server's model
/// store (run where the server's data directory is).
struct ModelImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add a GGUF file to the model store of this machine's server.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The GGUF file.") var file: String
    @Option(help: "The name clients ask for (NAME[:TAG], lowercase; :latest when no tag).") var name: String
    @Option(help: "A licence text file kept with the model.") var license: String?
    @Flag(help: "Replace a model already stored under the name.") var replace = false

    func run() throws {
        let (config, dataDir, _) = try store.resolve(createIfMissing: true)
        _ = config
        do {
            let models = try ModelStore(root: dataDir + "/models")
            let model = try models.importFile(path: file, name: name, license: license, replace: replace)
            print(
                "imported \(model.name): \(model.architecture ?? "unknown") \(GGMLFileType.parameterSize(model.parameterCount)) "
                    + "\(model.quantization ?? "unknown"), \(model.size) bytes, \(model.digest)")
        } catch {
            throw CLIFailure(error.message)
        }
    }
}

/// `gatehouse model package FILE.gguf --push REF`: packages a GGUF file as a Docker Model
/// Runner OCI artifact and pushes it to a registry.
struct ModelPackage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package", abstract: "Package a GGUF file as an OCI model artifact and push it.")

    @Argument(help: "The GGUF file.") var file: String
    @Option(help: "Where to push: HOST[:PORT]/REPOSITORY:TAG.") var push: String
    @Option(help: "A licence text file, pushed as the licence layer.") var license: String?
    @OptionGroup var registry: RegistryPushOptions

    func run() async throws {
        let pusher = try registry.pusher()
        do {
            let reference = try OCIReference(parsing: push)
            let package = try DMRPackage.build(ggufPath: file, licensePath: license)
            let digest = try await pusher.push(package, to: reference)
            print("pushed \(reference) \(digest)")
        } catch {
            throw CLIFailure(error.message)
        }
    }
}
