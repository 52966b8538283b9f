import NIOHTTP1
import ObslabAPI

extension LabelingClient {
    /// Every published version of a dataset, newest first.
    func versions(datasetId: String) async throws -> [ModelArtsAPI.Version] {
        var versions: [ModelArtsAPI.Version] = []
        while true {
            let page = try await call(
                .GET,
                ["datasets", datasetId, "versions"],
                query: [("offset", "\(versions.count)"), ("limit", "1000")],
                as: ModelArtsAPI.VersionList.self
            )
            versions += page.versions
            if page.versions.isEmpty || versions.count >= page.totalNumber { return versions }
        }
    }

    /// A version of a dataset by id or name, with the dataset's other versions (to name its previous one).
    func version(_ reference: String, of dataset: ModelArtsAPI.Dataset) async throws -> (ModelArtsAPI.Version, all: [ModelArtsAPI.Version]) {
        let versions = try await versions(datasetId: dataset.datasetId)
        guard let version = versions.first(where: { $0.versionId == reference }) ?? versions.first(where: { $0.versionName == reference }) else {
            throw CLIError(
                "dataset \(dataset.datasetName) has no version \(reference) (`obslab version list \(dataset.datasetName)` lists them)"
            )
        }
        return (version, versions)
    }
}
