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

    var all: [LabelingEndpoint] {
        [
            .init(.post, Self.datasets, createDataset),
            .init(.get, Self.datasets, listDatasets),
            .init(.get, Self.dataset, showDataset),
            .init(.put, Self.dataset, updateDataset),
            .init(.delete, Self.dataset, deleteDataset),
            .init(.post, Self.dataset + "/sync-data", startSync),
            .init(.get, Self.dataset + "/sync-data/status", syncStatus),
            .init(.get, Self.dataset + "/diagnosis", diagnoseDataset),
            .init(.get, Self.dataset + "/source-check", checkSources),
            .init(.post, Self.dataset + "/versions", publishVersion),
            .init(.get, Self.dataset + "/versions", listVersions),
            .init(.get, Self.version, showVersion),
            .init(.delete, Self.version, deleteVersion),
            .init(.get, Self.dataset + "/data-annotations/samples", listSamples),
            .init(.get, Self.dataset + "/data-annotations/stats", datasetStatistics),
            .init(.put, Self.dataset + "/data-annotations/samples", updateSamples),
            .init(.post, Self.dataset + "/data-annotations/samples", addSamples),
            .init(.get, Self.dataset + "/data-annotations/search-condition", searchCondition),
            .init(.post, Self.dataset + "/import-tasks", createImportTask),
            .init(.get, Self.dataset + "/import-tasks", listImportTasks),
            .init(.get, Self.dataset + "/import-tasks/:import_task_id", showImportTask),
            .init(.post, Self.dataset + "/export-tasks", createExportTask),
            .init(.get, Self.dataset + "/export-tasks", listExportTasks),
            .init(.get, Self.dataset + "/export-tasks/:task_id", showExportTask),
            .init(.get, Self.dataset + "/data-annotations/samples/:sample_id", showSample),
            .init(.get, Self.dataset + "/data-annotations/samples/:sample_id/content", sampleContent),
            .init(.post, Self.dataset + "/data-annotations/samples/delete", deleteSamples),
            .init(.post, Self.dataset + "/data-annotations/samples/delete-impact", sampleDeletionImpact),
            .init(.get, Self.dataset + "/data-annotations/labels", listLabels),
            .init(.post, Self.dataset + "/data-annotations/labels", createLabels),
            .init(.put, Self.dataset + "/data-annotations/labels", updateLabels),
            .init(.put, Self.dataset + "/data-annotations/labels/:label_name", updateLabel),
            .init(.delete, Self.dataset + "/data-annotations/labels/:label_name", deleteLabel),
            .init(.post, Self.dataset + "/data-annotations/labels/delete", deleteLabels),
            // A label named "delete": the router takes the literal segment and would not try :label_name.
            .init(.put, Self.dataset + "/data-annotations/labels/delete", updateLabel),
            .init(.delete, Self.dataset + "/data-annotations/labels/delete", deleteLabel),
            .init(.post, Self.dataset + "/workforce-tasks", createWorkforceTask),
            .init(.get, Self.dataset + "/workforce-tasks", listWorkforceTasks),
            .init(.get, Self.workforceTask, showWorkforceTask),
            .init(.put, Self.workforceTask, updateWorkforceTask),
            .init(.delete, Self.workforceTask, deleteWorkforceTask),
            .init(.get, Self.workforceTask + "/data-annotations/samples", listSamples),
            .init(.put, Self.workforceTask + "/data-annotations/samples", updateSamples),
            .init(.post, Self.workforceTask + "/data-annotations/samples", addSamples),
            .init(.get, Self.workforceTask + "/data-annotations/samples/:sample_id", showSample),
            .init(.post, Self.dataset + "/tasks", startSmartTask),
            .init(.get, Self.dataset + "/tasks", listSmartTasks),
            .init(.get, Self.dataset + "/tasks/:task_id", showSmartTask),
            .init(.post, Self.dataset + "/tasks/:task_id/stop", stopSmartTask),
        ] + teamEndpoints
    }
}
