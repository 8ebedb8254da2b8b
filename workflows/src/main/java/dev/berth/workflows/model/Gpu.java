package dev.berth.workflows.model;

/** GPUs per replica: how many, of which ACI SKU (K80, P100, V100). */
public record Gpu(int count, String sku) {}
