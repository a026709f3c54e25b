package io.rollcall.timesheets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.platform.S3UploadStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The payroll export of an approved period (every timesheet APPROVED or LOCKED), as CSV or XLSX, streamed: rows
 * come from the database a few hundred at a time and go out through the writer as they come. A small export is
 * answered inline; a larger one - past what one Lambda response holds - is written to the media bucket in parts
 * and answered with a presigned link. Audited.
 */
@Service
public class ExportTimesheets {

    /** Exports up to this size come back in the response itself (base64 makes 1 MiB about 1.4 MB of the 6 MB). */
    public static final int INLINE_LIMIT = 1024 * 1024;
    /** How long the link to a stored export works. */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

    /** What an export became. */
    public sealed interface Export {
        PayPeriod period();

        int rows();

        String filename();

        /** The file itself, small enough to answer. */
        record Inline(PayPeriod period, int rows, String filename, String contentType, byte[] bytes) implements Export {
        }

        /** The file in the media bucket, behind a link that stops working at {@code expiresAt}. */
        record Stored(PayPeriod period, int rows, String filename, String key, long bytes, URL url, Instant expiresAt)
                implements Export {
        }
    }

    private final TransactionTemplate transactions;
    private final TimesheetViews views;
    private final TimesheetDirectory directory;
    private final Timesheets timesheets;
    private final AuditTrail audit;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public ExportTimesheets(TransactionTemplate transactions, TimesheetViews views, TimesheetDirectory directory,
                            Timesheets timesheets, AuditTrail audit, S3Client s3, S3Presigner presigner,
                            @Value("${rollcall.media-bucket}") String bucket) {
        this.transactions = transactions;
        this.views = views;
        this.directory = directory;
        this.timesheets = timesheets;
        this.audit = audit;
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public Export export(Actor actor, LocalDate date, PayrollSheet.Format format) {
        return export(actor, date, format, INLINE_LIMIT);
    }

    /** {@code inlineLimit}: the largest export answered inline (0: every export goes to the bucket). */
    public Export export(Actor actor, LocalDate date, PayrollSheet.Format format, int inlineLimit) {
        UUID org = actor.organizationId();
        return transactions.execute(tx -> {
            // shared: no approval, lock or reopening changes the period while it is read
            timesheets.lockOrganization(org, false);
            PayPeriod period = views.period(org, date);
            int drafts = directory.drafts(org, period.start(), views.endsAt(org, period)).size();
            if (drafts > 0) {
                throw TimesheetException.notApproved(period, drafts + " timesheet(s) of " + period + " are still drafts");
            }
            List<String> tiers = timesheets.overtimeTiers(org, period.start());
            List<String> leaveTypes = timesheets.leaveTypes(org, period.start());
            PayrollColumns columns = new PayrollColumns(tiers, leaveTypes);
            String filename = "payroll-" + period.start() + "-" + period.end() + "." + format.extension();
            String key = "exports/" + org + "/timesheets/" + UUID.randomUUID() + "/" + filename;
            S3UploadStream out = new S3UploadStream(s3, bucket, key, format.contentType(), inlineLimit);
            int[] rows = {0};
            try {
                PayrollSheet sheet = format.open(out, period);
                sheet.header(columns.header());
                timesheets.forEachApproved(org, period.start(), row -> {
                    try {
                        sheet.row(columns.cells(row));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows[0]++;
                });
                if (rows[0] == 0) {
                    throw TimesheetException.notApproved(period, "no timesheet of " + period + " has been approved");
                }
                sheet.finish();
                out.close();
            } catch (IOException | RuntimeException e) {
                out.abort();
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new UncheckedIOException((IOException) e);
            }
            audit.record(actor, AuditAction.TIMESHEETS_EXPORTED, period.toString());
            if (!out.stored()) {
                return new Export.Inline(period, rows[0], filename, format.contentType(), out.inline());
            }
            Instant expiresAt = Instant.now().plus(LINK_LIFETIME);
            URL url = presigner.presignGetObject(p -> p.signatureDuration(LINK_LIFETIME).getObjectRequest(g -> g
                    .bucket(bucket).key(key).responseContentType(format.contentType())
                    .responseContentDisposition("attachment; filename=\"" + filename + "\""))).url();
            return new Export.Stored(period, rows[0], filename, key, out.bytes(), url, expiresAt);
        });
    }
}
