import Hummingbird
import Labeling

/// The operations of the API over one `LabelingService`, at ModelArts's paths. `{project_id}` is accepted and
/// ignored: obslab has one project.
struct LabelingEndpoints: Sendable {
    let service: LabelingService
    /// Runs auto grouping and export tasks.
    let backgroundTasks: BackgroundTasks

    static let datasets = "/v2/:project_id/datasets"
    static let dataset = datasets + "/:dataset_id"
    static let workforceTask = dataset + "/workforce-tasks/:task_id"
    static let version = dataset + "/versions/:version_id"

    /// The query parameters of a paged listing.
    static let page: Set<String> = ["offset", "limit"]
    /// A sample listing's: its page, its tab and its filters.
    static let sampleListing = page.union(["sample_state", "label_name", "search_conditions"])
    /// A label deletion's: what goes with the label, and whether to only plan it.
    static let labelDeletion: Set<String> = ["delete_policy", "dry_run"]

    var all: [LabelingEndpoint] {
        [
            .init(.post, Self.datasets, createDataset),
            .init(
                .get, Self.datasets, listDatasets,
                query: Self.page.union(["with_labels", "contain_versions", "dataset_type", "search_content", "sort_by", "order"])),
            .init(.get, Self.dataset, showDataset),
            .init(.put, Self.dataset, updateDataset),
            .init(.delete, Self.dataset, deleteDataset),
            .init(.post, Self.dataset + "/sync-data", startSync, query: ["reread_deleted_labels"]),
            .init(.get, Self.dataset + "/sync-data/status", syncStatus),
            .init(.get, Self.dataset + "/diagnosis", diagnoseDataset),
            .init(.get, Self.dataset + "/source-check", checkSources),
            .init(.post, Self.dataset + "/versions", publishVersion),
            .init(.get, Self.dataset + "/versions", listVersions, query: Self.page),
            .init(.get, Self.version, showVersion),
            .init(.delete, Self.version, deleteVersion),
            .init(.get, Self.dataset + "/data-annotations/samples", listSamples, query: Self.sampleListing),
            .init(
                .get, Self.dataset + "/data-annotations/stats", datasetStatistics, query: ["sample_state", "locale"],
                refusing: ["email": "is not supported: obslab does not count statistics per team member"]
            ),
            .init(.put, Self.dataset + "/data-annotations/samples", updateSamples),
            .init(.post, Self.dataset + "/data-annotations/samples", addSamples),
            .init(.get, Self.dataset + "/data-annotations/search-condition", searchCondition),
            .init(.post, Self.dataset + "/import-tasks", createImportTask),
            .init(.get, Self.dataset + "/import-tasks", listImportTasks, query: Self.page),
            .init(.get, Self.dataset + "/import-tasks/:import_task_id", showImportTask),
            .init(.post, Self.dataset + "/export-tasks", createExportTask),
            .init(.get, Self.dataset + "/export-tasks", listExportTasks, query: Self.page.union(["export_type"])),
            .init(.get, Self.dataset + "/export-tasks/:task_id", showExportTask),
            .init(.get, Self.dataset + "/data-annotations/samples/:sample_id", showSample),
            .init(.get, Self.dataset + "/data-annotations/samples/:sample_id/content", sampleContent),
            .init(.post, Self.dataset + "/data-annotations/samples/delete", deleteSamples),
            .init(.post, Self.dataset + "/data-annotations/samples/delete-impact", sampleDeletionImpact),
            .init(.get, Self.dataset + "/data-annotations/labels", listLabels, query: Self.page),
            .init(.post, Self.dataset + "/data-annotations/labels", createLabels),
            .init(.put, Self.dataset + "/data-annotations/labels", updateLabels),
            .init(.put, Self.dataset + "/data-annotations/labels/:label_name", updateLabel),
            .init(.delete, Self.dataset + "/data-annotations/labels/:label_name", deleteLabel, query: Self.labelDeletion.union(["delete_source"])),
            .init(.post, Self.dataset + "/data-annotations/labels/delete", deleteLabels, query: Self.labelDeletion),
            // A label named "delete": the router takes the literal segment and would not try :label_name.
            .init(.put, Self.dataset + "/data-annotations/labels/delete", updateLabel),
            .init(.delete, Self.dataset + "/data-annotations/labels/delete", deleteLabel, query: Self.labelDeletion.union(["delete_source"])),
            .init(.post, Self.dataset + "/workforce-tasks", createWorkforceTask),
            .init(.get, Self.dataset + "/workforce-tasks", listWorkforceTasks, query: Self.page.union(["with_default"])),
            .init(.get, Self.workforceTask, showWorkforceTask, query: ["label_stats", "workforce_stats"]),
            .init(.put, Self.workforceTask, updateWorkforceTask),
            .init(.delete, Self.workforceTask, deleteWorkforceTask),
            .init(.get, Self.workforceTask + "/data-annotations/samples", listSamples, query: Self.sampleListing),
            .init(.put, Self.workforceTask + "/data-annotations/samples", updateSamples),
            .init(.post, Self.workforceTask + "/data-annotations/samples", addSamples),
            .init(.get, Self.workforceTask + "/data-annotations/samples/:sample_id", showSample),
            .init(.post, Self.dataset + "/tasks", startSmartTask),
            .init(
                .get, Self.dataset + "/tasks", listSmartTasks, query: Self.page.union(["type"]),
                refusing: ["task_name": "is not supported: obslab's tasks have no names"]
            ),
            .init(.get, Self.dataset + "/tasks/:task_id", showSmartTask),
            .init(.post, Self.dataset + "/tasks/:task_id/stop", stopSmartTask),
        ] + teamEndpoints
    }
}
