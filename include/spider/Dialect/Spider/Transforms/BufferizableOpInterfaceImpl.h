//===- BufferizableOpInterfaceImpl.h - Spider ops in one-shot bufferize ---*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace spider {
/// Makes the spider ops that read tensors without producing any
/// (spider.detect, spider.route, spider.index_from_csr) and spider.assume_sparse
/// bufferizable by one-shot bufferization.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);
} // namespace spider
} // namespace mlir

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
