package io.rollcall.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lambda deployment package, as deployed: within Lambda's size limit, and complete. It is unpacked as
 * Lambda unpacks it into /var/task and run in a fresh JVM with only its lib/ jars on the class path, the
 * template's JAVA_TOOL_OPTIONS and no writable home directory, so a missing class or native library, or a
 * library that wants to write outside /tmp, fails here rather than in AWS.
 */
class PackagedJarIT {

    /** Lambda refuses a package whose unzipped size (with its layers) is not smaller than this. */
    static final long LAMBDA_UNZIPPED_LIMIT = 262_144_000L;

    static final TestEnvironment env = TestEnvironment.install();
    static final Path zip = env.root().resolve("functions/target/rollcall-functions-lambda.zip");
    static Path task;

    @BeforeAll
    static void unpack() throws IOException {
        task = Files.createTempDirectory("lambda-task");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = task.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    @Test
    void thePackageFitsLambdasUnzippedLimit() throws IOException {
        long unzipped;
        try (var files = Files.walk(task)) {
            unzipped = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(unzipped).as("unzipped bytes").isLessThan(LAMBDA_UNZIPPED_LIMIT);
        assertThat(task.resolve("lib")).isDirectory();
        assertThat(task.resolve("models/manifest.json")).isRegularFile();
    }

    @Test
    void thePackageAloneRunsTheFacePipelineFaissAndAFunction() throws Exception {
        Path photo = env.root().resolve("models/cache/photos/sample1.jpg");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(templateJavaToolOptions().split("\\s+")));
        command.addAll(List.of(
                "-Duser.home=/nonexistent", // Lambda has no writable home: natives must unpack under /tmp
                "-DMAIN_CLASS=io.rollcall.functions.RollCallFunctions",
                "-DROLLCALL_MODELS_DIR=" + task.resolve("models"))); // /var/task/models in Lambda
        for (String name : List.of("DATABASE_URL", "DATABASE_USER", "REDIS_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS",
                "AWS_REGION", "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "MEDIA_BUCKET",
                "ATTENDANCE_QUEUE_URL", "AUDIT_QUEUE_URL", "EVENTS_QUEUE_URL")) {
            if (System.getProperty(name) != null) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.addAll(List.of("-cp", task.resolve("lib") + File.separator + "*" + File.pathSeparator + testClasses(),
                PackagedJarProbe.class.getName(), photo.toString()));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("faces=3", "nearest=9", "\"statusCode\":200");
        // the template asks for the build-time bean factory: the package must hold it and Spring must have used it
        assertThat(templateJavaToolOptions()).contains("-Dspring.aot.enabled=true");
        assertThat(output).as(output).contains("Starting AOT-processed RollCallFunctions");
    }

    /** The JVM options template.yaml gives every function. */
    private static String templateJavaToolOptions() throws IOException {
        Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS:\\s*(.+)").matcher(Files.readString(env.root().resolve("template.yaml")));
        assertThat(m.find()).as("JAVA_TOOL_OPTIONS in template.yaml").isTrue();
        return m.group(1).trim();
    }

    /** Where PackagedJarProbe was compiled (the package holds no test classes). */
    private static String testClasses() throws Exception {
        Path classes = Path.of(PackagedJarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isDirectory(classes)).as("test classes directory " + classes).isTrue();
        return classes.toString();
    }
}
