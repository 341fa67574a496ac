-- The review of a rejected IQC run (失控处理), signed off once (issue 16: the console's review form; RejectedRunReviewed).
ALTER TABLE readmodel.iqc_run ADD COLUMN review_comment text;
ALTER TABLE readmodel.iqc_run ADD COLUMN review_action text;
ALTER TABLE readmodel.iqc_run ADD COLUMN reviewed_by text;
ALTER TABLE readmodel.iqc_run ADD COLUMN reviewed_at timestamptz;
