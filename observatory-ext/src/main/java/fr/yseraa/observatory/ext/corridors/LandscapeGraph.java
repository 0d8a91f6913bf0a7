package fr.yseraa.observatory.ext.corridors;

import java.util.List;

/**
 * The landscape graph of Conefor and Graphab: habitat patches (nodes, with an area) and the links between pairs of
 * patches closer than the dispersal cut-off, with their edge-to-edge distance. Links refer to patches by index.
 *
 * @param landscapeArea A_L, the area of the whole study landscape (habitat and non-habitat), in the patches' unit
 */
public record LandscapeGraph(List<Patch> patches, List<Link> links, double landscapeArea) {

    public LandscapeGraph {
        patches = List.copyOf(patches);
        links = List.copyOf(links);
        for (Link l : links) {
            if (l.from() == l.to() || l.from() < 0 || l.to() < 0 || l.from() >= patches.size() || l.to() >= patches.size()) {
                throw new IllegalArgumentException("link " + l + " does not join two patches of the graph");
            }
            if (!(l.distance() >= 0)) {
                throw new IllegalArgumentException("link " + l + " has a negative distance");
            }
        }
        if (!(landscapeArea > 0)) {
            throw new IllegalArgumentException("the landscape area must be positive");
        }
    }

    /** @param area the patch's attribute a_i (its area, in hectares here) */
    public record Patch(String id, double area) {
    }

    /** @param distance edge-to-edge distance in metres */
    public record Link(int from, int to, double distance) {
    }

    /** The same patches with only the links up to {@code distance}. */
    public LandscapeGraph linksUpTo(double distance) {
        return new LandscapeGraph(patches, links.stream().filter(l -> l.distance() <= distance).toList(), landscapeArea);
    }

    /** The number of connected components (an isolated patch is one). */
    public int components() {
        int[] parent = new int[patches.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int components = parent.length;
        for (Link l : links) {
            int a = root(parent, l.from());
            int b = root(parent, l.to());
            if (a != b) {
                parent[a] = b;
                components--;
            }
        }
        return components;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    public double habitatArea() {
        return patches.stream().mapToDouble(Patch::area).sum();
    }
}
