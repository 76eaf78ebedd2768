// Package formats reads and writes networks in the file formats social
// network data comes in: delimited text, SNAP edge lists, GML, GraphML,
// Pajek and Parquet, with .gz and .zip read transparently.
package formats
