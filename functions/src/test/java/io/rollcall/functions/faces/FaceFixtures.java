package io.rollcall.functions.faces;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.testing.TestEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Organizations, users, cameras, photos and queue reading for the faces tests. The photos are the real ones
 * models/fetch.sh brings (npm face-api demo samples); they carry no identity labels, so "one person's images"
 * are differently cropped, flipped, scaled and lit variants of one face of one photo.
 */
final class FaceFixtures {

    private final TestEnvironment env;
    private final JdbcTemplate jdbc;

    FaceFixtures(TestEnvironment env) {
        this.env = env;
        this.jdbc = new JdbcTemplate(env.dataSource());
    }

    static void useRepositoryModels(TestEnvironment env) {
        System.setProperty("rollcall.models.dir", env.root().resolve("models/cache").toString());
    }

    UUID organization() {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, ?, ?, ?)", id, "Org " + id,
                "Org " + id + " Ltd", "o-" + id);
        return id;
    }

    UUID user(UUID organizationId) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, 'x', 3)",
                id, organizationId, "u-" + id);
        return id;
    }

    UUID camera(UUID organizationId) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO cameras (id, organization_id, name) VALUES (?, ?, ?)", id, organizationId, "cam-" + id);
        return id;
    }

    byte[] photo(String name) {
        try {
            return Files.readAllBytes(env.root().resolve("models/cache/photos").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("run models/fetch.sh", e);
        }
    }

    /**
     * Variants of the face at {@code box} of {@code photo}: each a crop around the face with a different margin
     * and offset, some flipped, rescaled or brightened, re-encoded as JPEG.
     */
    static List<byte[]> variantsOf(byte[] photo, FaceBox box, int count) {
        BufferedImage image = decode(photo);
        double[][] specs = { // margin, dx, dy, flip, scale, brightness
                {0.55, 0.00, 0.00, 0, 1.00, 1.00},
                {0.45, 0.08, -0.05, 1, 1.00, 1.00},
                {0.60, -0.06, 0.05, 0, 0.85, 1.15},
                {0.50, 0.04, 0.06, 1, 0.90, 0.90},
                {0.65, -0.03, -0.04, 0, 1.10, 1.05},
                {0.50, 0.00, 0.03, 1, 0.95, 1.10},
        };
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] s = specs[i % specs.length];
            int mx = (int) (box.width() * s[0]);
            int my = (int) (box.height() * s[0]);
            int x = clamp(box.x() - mx + (int) (box.width() * s[1]), 0, image.getWidth() - 1);
            int y = clamp(box.y() - my + (int) (box.height() * s[2]), 0, image.getHeight() - 1);
            int w = Math.min(image.getWidth() - x, box.width() + 2 * mx);
            int h = Math.min(image.getHeight() - y, box.height() + 2 * my);
            BufferedImage crop = copy(image.getSubimage(x, y, w, h), s[3] > 0, s[4]);
            if (s[5] != 1.0) {
                crop = new RescaleOp((float) s[5], 0, null).filter(crop, null);
            }
            variants.add(jpeg(crop));
        }
        return variants;
    }

    /** The whole photo scaled by {@code factor} (to make its faces tiny). */
    static byte[] scaled(byte[] photo, double factor) {
        return jpeg(copy(decode(photo), false, factor));
    }

    /** A real JPEG of a flat grey picture: decodes fine, has no face. */
    static byte[] blank() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return jpeg(image);
    }

    /** A PNG whose header declares 10000 x 10000 pixels (100 MP) but that holds nothing else. */
    static byte[] hugePngHeader() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(10_000).putInt(10_000);
        b.put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static BufferedImage copy(BufferedImage source, boolean flip, double scale) {
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        if (flip) {
            t.translate(w, 0);
            t.scale(-1, 1);
        }
        t.scale(scale, scale);
        g.drawImage(source, t, null);
        g.dispose();
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An API Gateway HTTP event with a binary body, as API Gateway sends an image upload. */
    static APIGatewayV2HTTPEvent http(String routeKey, Map<String, String> path, String token, String contentType, byte[] body) {
        var builder = APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withPathParameters(path)
                .withHeaders(contentType == null ? Map.of("authorization", "Bearer " + token)
                        : Map.of("authorization", "Bearer " + token, "content-type", contentType));
        if (body != null) {
            builder.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
        }
        return builder.build();
    }

    /** Every message now on the queue (received and deleted). */
    List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        try (SqsClient sqs = env.sqs()) {
            String url = env.queueUrl(queue);
            while (true) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                if (batch.isEmpty()) {
                    return bodies;
                }
                for (Message m : batch) {
                    bodies.add(m.body());
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    static Path root(TestEnvironment env) {
        return env.root();
    }
}
