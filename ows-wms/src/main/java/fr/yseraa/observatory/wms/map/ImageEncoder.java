package fr.yseraa.observatory.wms.map;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes a drawn map (ARGB) in a served format. */
public final class ImageEncoder {

    private static final float JPEG_QUALITY = 0.85f;

    static {
        // encode in memory: by default ImageIO buffers every stream it writes through a temporary file
        ImageIO.setUseCache(false);
    }

    private ImageEncoder() {
    }

    /**
     * @param matte the colour transparent pixels become in formats without alpha
     */
    public static void write(BufferedImage argb, ImageFormat format, Color matte, OutputStream out) throws IOException {
        switch (format) {
            case PNG -> PngWriter.write(argb, out);
            case PNG8 -> ImageIO.write(PaletteQuantizer.quantize(argb), "png", out);
            case JPEG -> writeJpeg(flatten(argb, matte), out);
        }
    }

    private static BufferedImage flatten(BufferedImage argb, Color matte) {
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(matte == null ? Color.WHITE : matte);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(argb, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static void writeJpeg(BufferedImage rgb, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
