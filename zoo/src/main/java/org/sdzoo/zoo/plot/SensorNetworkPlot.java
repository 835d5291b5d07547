package org.sdzoo.zoo.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sdzoo.zoo.models.hitmac.dsn.DsnSettings;
import org.sdzoo.zoo.models.hitmac.dsn.Episodes;

/**
 * A picture of one sensor-network episode: the area, every camera with its field of view at the
 * end (a wedge of ±45° out to the visual distance) and at the start (outlined), and every target's
 * path from a hollow start to a filled end.
 */
public final class SensorNetworkPlot {

    private static final int SIZE = 800;
    private static final int MARGIN = 40;
    private static final Color[] TARGET_COLOURS = {new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD),
        new Color(0xFF7F0E), new Color(0x17BECF), new Color(0x8C564B), new Color(0xE377C2)};

    private SensorNetworkPlot() {
    }

    /**
     * @param cameraX {@code [cameras]} camera locations
     * @param cameraY {@code [cameras]}
     * @param frames  one per executor step, at least one
     * @param title   the line above the picture
     */
    public static void write(Path png, DsnSettings settings, double[] cameraX, double[] cameraY,
                             List<Episodes.Frame> frames, String title) throws IOException {
        Path target = PngFiles.checkTarget(png);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an episode picture needs at least one frame: record the episode");
        }
        BufferedImage image = new BufferedImage(SIZE, SIZE + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE + MARGIN);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, 10, 24);
        double scale = (SIZE - 2.0 * MARGIN) / (2 * settings.area());
        Mapper m = new Mapper(scale, settings.area());
        g.setColor(Color.GRAY);
        g.draw(new Rectangle2D.Double(m.x(-settings.area()), m.y(settings.area()), 2 * settings.area() * scale,
                2 * settings.area() * scale));
        Episodes.Frame first = frames.get(0);
        Episodes.Frame last = frames.get(frames.size() - 1);
        for (int i = 0; i < cameraX.length; i++) {
            wedge(g, m, settings, cameraX[i], cameraY[i], first.rotations()[i], new Color(0, 90, 200, 60), false);
            wedge(g, m, settings, cameraX[i], cameraY[i], last.rotations()[i], new Color(0, 90, 200, 50), true);
            g.setColor(new Color(0, 60, 160));
            g.fill(new Rectangle2D.Double(m.x(cameraX[i]) - 6, m.y(cameraY[i]) - 6, 12, 12));
            g.drawString("cam " + i, (float) m.x(cameraX[i]) + 8, (float) m.y(cameraY[i]) - 8);
        }
        g.setStroke(new BasicStroke(1.5f));
        for (int j = 0; j < first.targetX().length; j++) {
            g.setColor(TARGET_COLOURS[j % TARGET_COLOURS.length]);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(m.x(first.targetX()[j]), m.y(first.targetY()[j]));
            for (Episodes.Frame f : frames) {
                path.lineTo(m.x(f.targetX()[j]), m.y(f.targetY()[j]));
            }
            g.draw(path);
            g.draw(new Ellipse2D.Double(m.x(first.targetX()[j]) - 5, m.y(first.targetY()[j]) - 5, 10, 10));
            g.fill(new Ellipse2D.Double(m.x(last.targetX()[j]) - 6, m.y(last.targetY()[j]) - 6, 12, 12));
            g.drawString("t" + j, (float) m.x(last.targetX()[j]) + 8, (float) m.y(last.targetY()[j]) + 4);
        }
        g.dispose();
        PngFiles.write(target, image);
    }

    private static void wedge(Graphics2D g, Mapper m, DsnSettings s, double x, double y, double heading, Color colour,
                              boolean filled) {
        double r = s.visualDistance() * m.scale();
        // Arc2D angles are counter-clockwise from +x on screen, which is the world's counter-clockwise after the y flip.
        Arc2D.Double arc = new Arc2D.Double(m.x(x) - r, m.y(y) - r, 2 * r, 2 * r, heading - s.halfFieldOfView(),
                2 * s.halfFieldOfView(), Arc2D.PIE);
        g.setColor(colour);
        if (filled) {
            g.fill(arc);
        } else {
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.setColor(colour.darker());
            g.draw(arc);
            g.setStroke(new BasicStroke(1f));
        }
    }

    /** World (y up, [−area, area]²) to image (y down) coordinates. */
    private record Mapper(double scale, double area) {
        double x(double wx) {
            return MARGIN + (wx + area) * scale;
        }

        double y(double wy) {
            return MARGIN + (area - wy) * scale;
        }
    }
}
