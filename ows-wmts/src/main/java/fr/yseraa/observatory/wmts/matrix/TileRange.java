package fr.yseraa.observatory.wmts.matrix;

/** A block of tiles of one matrix, bounds included. */
public record TileRange(long minRow, long maxRow, long minCol, long maxCol) {

    public boolean contains(long row, long col) {
        return row >= minRow && row <= maxRow && col >= minCol && col <= maxCol;
    }

    public long count() {
        return (maxRow - minRow + 1) * (maxCol - minCol + 1);
    }
}
