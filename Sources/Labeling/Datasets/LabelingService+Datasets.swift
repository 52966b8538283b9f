extension LabelingService {
    /// Creates a dataset and its default labeling job; nothing is read from the storage until the first sync.
    /// - Throws: `LabelingError` invalidArgument for a bad name, path or label, conflict for a name in use.
    public func createDataset(_ spec: DatasetSpec) async throws -> Dataset {
        try await datasets.createDataset(spec)
    }

    /// The datasets `query` selects (every one, newest first, by default), one page, and how many it selects in all.
    public func listDatasets(_ query: DatasetQuery = DatasetQuery(), offset: Int, limit: Int) async throws -> (datasets: [Dataset], total: Int) {
        try await datasets.list(query, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    public func dataset(id: String) async throws -> Dataset {
        try await datasets.dataset(id: id)
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    public func dataset(named name: String) async throws -> Dataset {
        try await datasets.dataset(named: name)
    }

    /// Deletes the dataset, its jobs, samples, labels and sync history. Never deletes OBS data.
    public func deleteDataset(id: String) async throws {
        try await datasets.deleteDataset(id: id)
        syncScheduler.forget(datasetId: id)
    }

    /// Points the dataset at another input path. Samples keep their ids and labels: their keys move with the path
    /// (`old/prefix/a.jpg` becomes `new/prefix/a.jpg`), and the next sync compares them with what the new path holds,
    /// reading every label file again.
    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for a bad path or one that holds the
    ///   output path.
    @discardableResult
    public func updateDataset(id: String, inputPath: String) async throws -> Dataset {
        try await datasets.updateDataset(id: id, inputPath: inputPath)
    }

    /// Creates a labeling job holding the dataset's current samples; later syncs keep it in step with the dataset.
    public func createJob(datasetId: String, name: String) async throws -> LabelingJob {
        try await datasets.createJob(datasetId: datasetId, name: name)
    }

    /// The dataset's labeling jobs, the default one first.
    public func listJobs(datasetId: String) async throws -> [LabelingJob] {
        try await datasets.jobs(datasetId: datasetId)
    }
}

extension LabelingService {
    /// "Modifying a Dataset": renames the dataset, sets its description and current version, then adds, changes and
    /// deletes labels as label management does (deleted labels leave every sample; the samples stay). The whole update
    /// is checked first, so that a bad part changes nothing.
    /// - Throws: `LabelingError` datasetNotFound, labelNotFound, invalidArgument (a bad name, description or label, a
    ///   version the dataset lacks), duplicateName (a name another dataset or label has).
    public func updateDataset(id: String, _ update: DatasetUpdate, author: String) async throws {
        try Validation.checkAuthor(author)
        try update.check(against: try await datasets.dataset(id: id))
        if update.name != nil || update.description != nil || update.currentVersionId != nil {
            try await datasets.updateSettings(id: id, update)
        }
        if !update.deleteLabels.isEmpty {
            let report = try await labelManagement.deleteLabels(datasetId: id, names: update.deleteLabels, policy: .labelOnly, author: author)
            if let error = report.results.compactMap(\.error).first { throw error }
        }
        if !update.updateLabels.isEmpty {
            try await labelManagement.updateLabels(datasetId: id, update.updateLabels, author: author)
        }
        if !update.addLabels.isEmpty {
            try await labelManagement.addLabels(datasetId: id, update.addLabels)
        }
    }
}

extension LabelingService {
    /// The dataset's versions, deleted samples, labeling jobs and last data change, for its details.
    /// - Throws: `LabelingError.datasetNotFound`.
    public func datasetActivity(id: String) async throws -> DatasetActivity {
        try await datasets.activity(id: id)
    }
}

extension LabelingService {
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    public func job(datasetId: String, jobId: String) async throws -> LabelingJob {
        try await datasets.job(id: jobId, datasetId: datasetId)
    }

    /// Renames the labeling job and sets its description, each when given.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for a bad name or description,
    ///   duplicateName for a name another job of the dataset has.
    @discardableResult
    public func updateJob(datasetId: String, jobId: String, name: String?, description: String?) async throws -> LabelingJob {
        try await datasets.updateJob(id: jobId, datasetId: datasetId, name: name, description: description)
    }

    /// Deletes a labeling job and the labels set in it; the dataset's samples and labels stay. Deleting the default job
    /// deletes the dataset's labels, as in ModelArts ("Why ModelArts image labels are lost"): every labeled sample becomes
    /// unlabeled (`deletedWithDefaultJob`, naming `author`), a sync does not read their unchanged label files again, and
    /// a new empty default job replaces it.
    /// - Returns: how many samples lost their labels.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    @discardableResult
    public func deleteJob(datasetId: String, jobId: String, author: String = LabelingService.defaultAuthor) async throws -> Int {
        try await datasets.deleteJob(id: jobId, datasetId: datasetId, author: author)
    }
}
